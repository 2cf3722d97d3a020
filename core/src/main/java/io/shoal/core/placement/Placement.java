package io.shoal.core.placement;

import io.shoal.core.partition.HashRanges;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.Replica;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Initial placement of a new cluster's groups.
 *
 * <p>Simple greedy, group by group: pick {@value #REPLICAS} replicas, each time the node with the
 * fewest replicas so far among zones the group does not use yet (ties go to the smaller node id);
 * then make the chosen node with the fewest preferred-leader roles so far the preferred leader (same
 * tie-break). Zones must differ so a zone outage leaves every group a majority. With equally sized
 * zones this balances replicas and leaders to within one per node; with uneven zones the constraint
 * itself forbids balance (a node alone in its zone must host every group when there are exactly 3
 * zones), and the greedy spreads what it can. It does not search for an optimum: the metadata
 * service rebalances later.
 *
 * <p>Deterministic: nodes are sorted by id first, so input order does not matter.
 */
public final class Placement {

  public static final int REPLICAS = 3;

  private Placement() {}

  /**
   * Groups with ids 1..groupCount over {@link HashRanges#evenSplit}, epoch 1, each with {@value
   * #REPLICAS} replicas in distinct zones, the preferred leader listed first.
   *
   * @throws IllegalStateException if the nodes span fewer than {@value #REPLICAS} zones
   * @throws IllegalArgumentException if groupCount is not positive or node ids repeat
   */
  public static List<GroupInfo> place(List<NodeInfo> nodes, int groupCount) {
    if (groupCount < 1) {
      throw new IllegalArgumentException("groupCount must be positive, got " + groupCount);
    }
    List<NodeInfo> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(NodeInfo::getId));
    Set<String> ids = new HashSet<>();
    for (NodeInfo n : sorted) {
      if (!ids.add(n.getId())) {
        throw new IllegalArgumentException("duplicate node id " + n.getId());
      }
    }
    Set<String> zones = new TreeSet<>();
    sorted.forEach(n -> zones.add(n.getZone()));
    if (zones.size() < REPLICAS) {
      throw new IllegalStateException(String.format(
          "placement needs nodes in at least %d distinct zones (one replica per zone), "
              + "but %d node(s) span %d zone(s): %s",
          REPLICAS, sorted.size(), zones.size(), zones));
    }

    int[] replicaCount = new int[sorted.size()];
    int[] leaderCount = new int[sorted.size()];
    List<long[]> ranges = HashRanges.evenSplit(groupCount);
    List<GroupInfo> groups = new ArrayList<>(groupCount);
    for (int g = 0; g < groupCount; g++) {
      List<Integer> chosen = chooseReplicas(sorted, replicaCount);
      int leader = chosen.get(0);
      for (int c : chosen) {
        if (leaderCount[c] < leaderCount[leader]) {
          leader = c;
        }
      }
      leaderCount[leader]++;
      GroupInfo.Builder group = GroupInfo.newBuilder()
          .setId(g + 1)
          .setHashStart(ranges.get(g)[0])
          .setHashEnd(ranges.get(g)[1])
          .setEpoch(1);
      group.addReplicas(replica(sorted.get(leader), true));
      for (int c : chosen) {
        replicaCount[c]++;
        if (c != leader) {
          group.addReplicas(replica(sorted.get(c), false));
        }
      }
      groups.add(group.build());
    }
    return List.copyOf(groups);
  }

  /** Node indexes (ascending) for one group. */
  private static List<Integer> chooseReplicas(List<NodeInfo> nodes, int[] replicaCount) {
    Set<String> usedZones = new HashSet<>();
    List<Integer> chosen = new ArrayList<>(REPLICAS);
    for (int r = 0; r < REPLICAS; r++) {
      int best = -1;
      for (int i = 0; i < nodes.size(); i++) {
        if (usedZones.contains(nodes.get(i).getZone())) {
          continue;
        }
        if (best < 0 || replicaCount[i] < replicaCount[best]) {
          best = i;
        }
      }
      // Cannot stay -1: at least REPLICAS zones exist and fewer than REPLICAS are used.
      usedZones.add(nodes.get(best).getZone());
      chosen.add(best);
    }
    chosen.sort(null);
    return chosen;
  }

  private static Replica replica(NodeInfo node, boolean preferredLeader) {
    return Replica.newBuilder().setNodeId(node.getId()).setPreferredLeader(preferredLeader).build();
  }
}
