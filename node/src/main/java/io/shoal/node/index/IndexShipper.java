package io.shoal.node.index;

import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.Replica;
import io.shoal.proto.IndexProgress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link IndexShipping} for every (group this node leads, GSI of the catalog), a new one whenever the
 * leader term changes, and drops those whose group or index went away. One thread calls {@link #round()}
 * repeatedly; each round gives every shipping one bounded step, so a large backfill does not starve the others.
 */
public final class IndexShipper {
  private static final Logger LOG = LoggerFactory.getLogger(IndexShipper.class);

  private record Key(int group, long index) {}

  private final RaftHost host;
  private final IndexCatalog catalog;
  private final IndexTargets targets;
  private final LongSupplier millis;
  private final Map<Key, IndexShipping> active = new ConcurrentHashMap<>();

  public IndexShipper(RaftHost host, IndexCatalog catalog, IndexTargets targets, LongSupplier millis) {
    this.host = host;
    this.catalog = catalog;
    this.targets = targets;
    this.millis = millis;
  }

  /** One step for every shipping; returns true when some had more to do right away. */
  public boolean round() {
    Set<Key> live = new HashSet<>();
    boolean busy = false;
    for (Replica<?> r : host.replicas().values()) {
      if (!(r instanceof DataReplica d) || !d.isLeader() || d.leaderTerm() <= 0) {
        continue;
      }
      for (IndexCatalog.Gsi gsi : catalog.gsis()) {
        if (d.state().isDropped(gsi.table().getId()) || d.state().isDropped(gsi.index().getId())) {
          continue;
        }
        Key key = new Key(d.groupId(), gsi.index().getId());
        live.add(key);
        IndexShipping s = active.get(key);
        if (s == null || s.term() != d.leaderTerm()) {
          s = new IndexShipping(d, gsi.table(), gsi.index(), targets, millis);
          active.put(key, s);
        }
        try {
          busy |= s.step();
        } catch (Exception e) {
          LOG.debug("index {} from group {}: {}", key.index(), key.group(), e.toString());
        }
      }
    }
    active.keySet().retainAll(live);
    return busy;
  }

  /** Progress of every GSI this node ships now, for heartbeats, metrics and status. */
  public List<IndexProgress> progress() {
    List<IndexProgress> out = new ArrayList<>();
    for (IndexShipping s : active.values()) {
      if (!s.deposed()) {
        out.add(s.progress());
      }
    }
    return out;
  }

  /** Runs rounds until interrupted, resting briefly when there is nothing to ship. */
  public void runLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      boolean busy;
      try {
        busy = round();
      } catch (RuntimeException e) {
        LOG.warn("index shipping round failed", e);
        busy = false;
      }
      if (!busy) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
