package io.shoal.node.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The readiness rule of a storage node. Ready means:
 *
 * <ol>
 *   <li>the metadata leader has answered a heartbeat (the node is registered and knows the node list);
 *   <li>the node has a partition map and has started a replica of every group the map assigns it;
 *   <li>each hosted data group has a known leader;
 *   <li>each replica has applied at least the commit index it knew when it first saw a leader (after a restart:
 *       it has replayed the log it had on disk), and now trails its known commit index by at most
 *       {@link #MAX_APPLY_LAG} entries.
 * </ol>
 *
 * <p>Honest limit of rule 4: a follower's commit index is bounded by its own log, so a replica still fetching a
 * long log from its leader looks caught up on what it has. The metric {@code shoal_raft_apply_lag_entries} and the
 * leader's view are the finer signals; readiness is the gate "this node can take its share of requests".
 *
 * <p>The commit index learned at first sight is kept per group, so once a group caught up it is not judged against
 * that target again; it still has to keep a leader and stay within the lag bound.
 */
public final class NodeReadiness {
  /** How far behind its known commit index a replica may be and still count as caught up. */
  public static final long MAX_APPLY_LAG = 1000;

  /** One hosted data group as this node sees it. */
  public record GroupProgress(String group, boolean leaderKnown, long committedIndex, long appliedIndex) {}

  /** The answer, with the first reason the node is not ready (empty when ready). */
  public record Status(boolean ready, String reason) {
    static Status notReady(String reason) {
      return new Status(false, reason);
    }
  }

  private final Map<String, Long> startTargets = new HashMap<>();

  /**
   * @param registered the metadata leader answered a heartbeat
   * @param mapKnown the node has a partition map with groups
   * @param assignedGroups groups the map places on this node
   * @param hosted the data group replicas running on this node
   */
  public synchronized Status evaluate(boolean registered, boolean mapKnown, int assignedGroups,
      List<GroupProgress> hosted) {
    if (!registered) {
      return Status.notReady("not registered with the metadata group yet");
    }
    if (!mapKnown) {
      return Status.notReady("no partition map yet");
    }
    if (hosted.size() < assignedGroups) {
      return Status.notReady(hosted.size() + " of " + assignedGroups + " assigned groups started");
    }
    for (GroupProgress g : hosted) {
      if (!g.leaderKnown()) {
        return Status.notReady("group " + g.group() + " has no known leader");
      }
      long target = startTargets.computeIfAbsent(g.group(), k -> g.committedIndex());
      if (g.appliedIndex() < target) {
        return Status.notReady("group " + g.group() + " is replaying its log: applied " + g.appliedIndex() + " of "
            + target);
      }
      long lag = g.committedIndex() - g.appliedIndex();
      if (lag > MAX_APPLY_LAG) {
        return Status.notReady("group " + g.group() + " is " + lag + " entries behind its commit index");
      }
    }
    return new Status(true, "");
  }
}
