package io.shoal.node.meta;

import io.shoal.proto.GroupLeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Soft state the metadata leader learns from heartbeats: when each node was last heard from and which node leads
 * each group. Not replicated on purpose: it changes every second, and a new leader relearns it within one
 * heartbeat interval. Time is injected so tests drive it.
 */
public final class Liveness {
  private final LongSupplier clockMillis;
  private final long timeoutMillis;
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final Map<Integer, GroupLeader> leaders = new ConcurrentHashMap<>();

  public Liveness(LongSupplier clockMillis, long timeoutMillis) {
    this.clockMillis = clockMillis;
    this.timeoutMillis = timeoutMillis;
  }

  public void heartbeat(String nodeId, List<GroupLeader> leading) {
    lastSeen.put(nodeId, clockMillis.getAsLong());
    for (GroupLeader l : leading) {
      // Keep the claim with the highest term: a deposed leader may still report itself until it steps down.
      leaders.merge(l.getGroupId(), l, (old, neu) -> neu.getTerm() >= old.getTerm() ? neu : old);
    }
  }

  public boolean isAlive(String nodeId) {
    Long t = lastSeen.get(nodeId);
    return t != null && clockMillis.getAsLong() - t <= timeoutMillis;
  }

  public long lastSeen(String nodeId) {
    return lastSeen.getOrDefault(nodeId, 0L);
  }

  /** Current leader claims, dropping those of nodes that are no longer alive. */
  public List<GroupLeader> leaders() {
    List<GroupLeader> out = new ArrayList<>();
    for (GroupLeader l : leaders.values()) {
      if (isAlive(l.getNodeId())) {
        out.add(l);
      }
    }
    out.sort((a, b) -> Integer.compare(a.getGroupId(), b.getGroupId()));
    return out;
  }
}
