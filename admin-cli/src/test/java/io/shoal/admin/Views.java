package io.shoal.admin;

import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;

/** Hand-built cluster views for tests. */
public final class Views {

  private Views() {}

  public static NodeStatus node(String id, String zone, int i, boolean alive, long heartbeatMs) {
    return NodeStatus.newBuilder()
        .setNode(NodeInfo.newBuilder().setId(id).setZone(zone)
            .setRaftAddress("127.0.0.1:" + (7100 + i)).setGrpcAddress("127.0.0.1:" + (7200 + i)))
        .setAlive(alive).setLastHeartbeatMs(heartbeatMs).build();
  }

  /** Group {@code id} of {@code count} equal ranges; the first replica is the preferred leader. */
  public static GroupInfo group(int id, int count, long epoch, String... replicas) {
    long step = Long.divideUnsigned(-1L, count) + 1;
    GroupInfo.Builder g = GroupInfo.newBuilder().setId(id).setEpoch(epoch)
        .setHashStart(step * (id - 1)).setHashEnd(id == count ? 0 : step * id);
    for (int i = 0; i < replicas.length; i++) {
      g.addReplicas(Replica.newBuilder().setNodeId(replicas[i]).setPreferredLeader(i == 0));
    }
    return g.build();
  }

  public static GroupLeader leader(int group, String node) {
    return GroupLeader.newBuilder().setGroupId(group).setNodeId(node).setTerm(2).build();
  }

  /** Three live nodes in zones a,b,c; {@code groups} groups on all three, led by their preferred. */
  public static ClusterView healthy(int groups) {
    ClusterView.Builder v = ClusterView.newBuilder().setMetaLeader("n1")
        .addNodes(node("n1", "a", 1, true, 1000))
        .addNodes(node("n2", "b", 2, true, 1000))
        .addNodes(node("n3", "c", 3, true, 1000));
    PartitionMap.Builder map = PartitionMap.newBuilder().setVersion(5);
    String[] ids = {"n1", "n2", "n3"};
    for (int g = 1; g <= groups; g++) {
      String a = ids[(g - 1) % 3];
      String b = ids[g % 3];
      String c = ids[(g + 1) % 3];
      map.addGroups(group(g, groups, 1, a, b, c));
      v.addLeaders(leader(g, a));
    }
    return v.setPartitionMap(map).build();
  }
}
