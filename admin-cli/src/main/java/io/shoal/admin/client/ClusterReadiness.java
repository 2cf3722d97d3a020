package io.shoal.admin.client;

import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.NodeStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When a cluster view says the cluster can serve: the metadata group has a leader and a partition
 * map, every expected node is registered and alive, every registered node is alive, and every group
 * has a leader on a live node.
 */
public final class ClusterReadiness {

  private ClusterReadiness() {}

  /** What is still missing, in words; empty when ready. */
  public static List<String> unmet(ClusterView view, Collection<String> expectedNodes) {
    List<String> unmet = new ArrayList<>();
    if (view.getMetaLeader().isEmpty()) {
      unmet.add("metadata group has no leader");
    }
    Map<String, NodeStatus> nodes = view.getNodesList().stream()
        .collect(Collectors.toMap(n -> n.getNode().getId(), Function.identity(), (a, b) -> b));
    List<String> unregistered = expectedNodes.stream().filter(id -> !nodes.containsKey(id)).toList();
    if (!unregistered.isEmpty()) {
      unmet.add("not registered yet: " + String.join(",", unregistered));
    }
    List<String> down = nodes.values().stream().filter(n -> !n.getAlive())
        .map(n -> n.getNode().getId()).sorted().toList();
    if (!down.isEmpty()) {
      unmet.add("down: " + String.join(",", down));
    }
    if (!view.hasPartitionMap() || view.getPartitionMap().getGroupsCount() == 0) {
      unmet.add("no partition map yet");
      return unmet;
    }
    Set<String> alive = nodes.values().stream().filter(NodeStatus::getAlive)
        .map(n -> n.getNode().getId()).collect(Collectors.toSet());
    Set<Integer> led = view.getLeadersList().stream()
        .filter(l -> !l.getNodeId().isEmpty() && alive.contains(l.getNodeId()))
        .map(GroupLeader::getGroupId).collect(Collectors.toSet());
    List<GroupInfo> groups = view.getPartitionMap().getGroupsList();
    List<String> leaderless = groups.stream().filter(g -> !led.contains(g.getId()))
        .map(g -> Integer.toString(g.getId())).toList();
    if (!leaderless.isEmpty()) {
      unmet.add((groups.size() - leaderless.size()) + " of " + groups.size()
          + " groups have a leader (waiting for " + String.join(",", leaderless) + ")");
    }
    return unmet;
  }
}
