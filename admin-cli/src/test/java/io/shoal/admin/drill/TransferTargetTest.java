package io.shoal.admin.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferTargetTest {
  private static GroupInfo group(int id, String... nodes) {
    GroupInfo.Builder g = GroupInfo.newBuilder().setId(id);
    for (String n : nodes) {
      g.addReplicas(Replica.newBuilder().setNodeId(n));
    }
    return g.build();
  }

  @Test
  void picksALedGroupAndAnotherOfItsReplicas() {
    ClusterView v = ClusterView.newBuilder()
        .setPartitionMap(PartitionMap.newBuilder().addGroups(group(1, "n1", "n2", "n3")).addGroups(group(2, "n1",
            "n2", "n3")))
        .addLeaders(GroupLeader.newBuilder().setGroupId(1).setNodeId("n2"))
        .addLeaders(GroupLeader.newBuilder().setGroupId(2).setNodeId("n3")).build();
    Random r = new Random(7);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      TransferTarget t = TransferTarget.pick(v, r).orElseThrow();
      assertThat(t.leader()).isEqualTo(t.group() == 1 ? "n2" : "n3");
      assertThat(t.to()).isNotEqualTo(t.leader()).isIn("n1", "n2", "n3");
      seen.add(t.group() + "->" + t.to());
    }
    assertThat(seen).containsExactlyInAnyOrder("1->n1", "1->n3", "2->n1", "2->n2");
  }

  @Test
  void nothingToPickWithoutGroupsLeadersOrOtherReplicas() {
    Random r = new Random(1);
    assertThat(TransferTarget.pick(ClusterView.getDefaultInstance(), r)).isEmpty();
    ClusterView unled = ClusterView.newBuilder().setPartitionMap(PartitionMap.newBuilder()
        .addGroups(group(1, "n1", "n2", "n3"))).build();
    assertThat(TransferTarget.pick(unled, r)).isEmpty();
    ClusterView single = ClusterView.newBuilder().setPartitionMap(PartitionMap.newBuilder().addGroups(group(1, "n1")))
        .addLeaders(GroupLeader.newBuilder().setGroupId(1).setNodeId("n1")).build();
    assertThat(TransferTarget.pick(single, r)).isEqualTo(Optional.empty());
  }
}
