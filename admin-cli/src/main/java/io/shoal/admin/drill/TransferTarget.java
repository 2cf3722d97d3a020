package io.shoal.admin.drill;

import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.Replica;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One step of a leader-transfer storm: a group drawn at random, the node the view says leads it, and a random other
 * replica to hand it to. Shared by {@code shoal drill leader-storm} and the chaos suite's leader-storm nemesis.
 */
public record TransferTarget(int group, String leader, String to) {

  /** Empty when the view has no groups or the drawn group has no known leader or no other replica. */
  public static Optional<TransferTarget> pick(ClusterView v, Random random) {
    int groups = v.getPartitionMap().getGroupsCount();
    if (groups == 0) {
      return Optional.empty();
    }
    GroupInfo g = v.getPartitionMap().getGroups(random.nextInt(groups));
    String leader = v.getLeadersList().stream().filter(l -> l.getGroupId() == g.getId())
        .map(GroupLeader::getNodeId).filter(id -> !id.isEmpty()).findFirst().orElse(null);
    if (leader == null) {
      return Optional.empty();
    }
    List<String> others = g.getReplicasList().stream().map(Replica::getNodeId).filter(id -> !id.equals(leader))
        .toList();
    return others.isEmpty() ? Optional.empty()
        : Optional.of(new TransferTarget(g.getId(), leader, others.get(random.nextInt(others.size()))));
  }
}
