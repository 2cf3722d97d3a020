package io.shoal.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A node the router could not reach (a killed container, a zone cut off: no refusal, just silence) is routed around
 * for a few seconds, even while it is the group's preferred replica or the metadata view still names it leader,
 * instead of costing every new request a connect timeout. Found by ContainerClusterIT's zone-disconnect scenario.
 */
class RoutingTableUnreachableTest {
  static final GroupInfo G1 = GroupInfo.newBuilder().setId(1)
      .addReplicas(Replica.newBuilder().setNodeId("n1").setPreferredLeader(true))
      .addReplicas(Replica.newBuilder().setNodeId("n2")).addReplicas(Replica.newBuilder().setNodeId("n3")).build();

  static RoutingTable table(String leader) throws Exception {
    RoutingTable t = new RoutingTable(null);
    install(t, leader);
    return t;
  }

  static void install(RoutingTable t, String leader) throws Exception {
    ClusterView.Builder v = ClusterView.newBuilder().setPartitionMap(PartitionMap.newBuilder().addGroups(G1))
        .addLeaders(GroupLeader.newBuilder().setGroupId(1).setNodeId(leader));
    for (String n : new String[] {"n1", "n2", "n3"}) {
      v.addNodes(NodeStatus.newBuilder().setNode(NodeInfo.newBuilder().setId(n).setGrpcAddress(n + ":7201")));
    }
    Method m = RoutingTable.class.getDeclaredMethod("install", ClusterView.class);
    m.setAccessible(true);
    m.invoke(t, v.build());
  }

  @Test
  void anUnreachableLeaderIsRoutedAroundUntilItAnswersAgain() throws Exception {
    RoutingTable t = table("n1");
    assertThat(t.target(G1, 0)).isEqualTo("n1:7201");
    t.unreachable("n1:7201", System.currentTimeMillis());
    assertThat(t.target(G1, 0)).as("the preferred replica is skipped").isEqualTo("n2:7201");
    install(t, "n1");
    assertThat(t.target(G1, 0)).as("a stale view does not send requests back").isEqualTo("n2:7201");
    t.reached("n1:7201");
    assertThat(t.target(G1, 0)).isEqualTo("n1:7201");
  }

  @Test
  void itExpires() throws Exception {
    RoutingTable t = table("n1");
    t.unreachable("n1:7201", System.currentTimeMillis() - RoutingTable.UNREACHABLE_MS - 1);
    assertThat(t.unreachable("n1:7201")).isFalse();
    assertThat(t.target(G1, 0)).isEqualTo("n1:7201");
  }

  @Test
  void withEveryReplicaUnreachableTheUsualOrderApplies() throws Exception {
    RoutingTable t = table("n2");
    long now = System.currentTimeMillis();
    for (String n : new String[] {"n1", "n2", "n3"}) {
      t.unreachable(n + ":7201", now);
    }
    assertThat(t.target(G1, 0)).as("the known leader, as without the rule").isEqualTo("n2:7201");
  }
}
