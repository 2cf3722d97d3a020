package io.shoal.node.changelog;

import io.shoal.node.group.ChangeLogRetention;
import io.shoal.node.group.GroupStateMachine;
import io.shoal.node.index.IndexCatalog;
import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.Replica;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.TrimChangeLogCommand;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For every group this node leads, proposes a {@link TrimChangeLogCommand} once at least {@code minRecords} records
 * could go. The leader only says when and what its catalog knows; apply decides how far from replicated state
 * ({@link ChangeLogRetention}), so a stale catalog or a deposed leader cannot make replicas differ or drop a record
 * a GSI still needs. One trim in flight per group.
 */
public final class ChangeLogTrimmer {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeLogTrimmer.class);

  /**
   * How often the leader looks, and how many records must be trimmable before it proposes. A trim is one Raft
   * entry and one RocksDB range tombstone: a few per group per minute cost nothing, and 1000 records keep the
   * tombstones coarse when writes are slow.
   */
  public record Schedule(long everyMs, long minRecords) {
    public static final Schedule DEFAULT = new Schedule(10_000, 1000);
  }

  private final RaftHost host;
  private final IndexCatalog catalog;
  private final long minRecords;
  private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();

  public ChangeLogTrimmer(RaftHost host, IndexCatalog catalog, long minRecords) {
    this.host = host;
    this.catalog = catalog;
    this.minRecords = minRecords;
  }

  public void tick() {
    IndexCatalog.Listing listing = catalog.listing();
    Set<Long> liveIndexIds = listing.indexIds();
    for (Replica<?> r : host.replicas().values()) {
      if (!(r instanceof DataReplica d) || !d.isLeader() || d.leaderTerm() <= 0) {
        continue;
      }
      GroupStateMachine state = d.state();
      long last = state.lastSeq();
      TrimChangeLogCommand trim = TrimChangeLogCommand.newBuilder().setBelowSeq(last + 1)
          .addAllLiveIndexIds(liveIndexIds).setIdsBelow(listing.idsBelow()).build();
      long keep = ChangeLogRetention.firstKept(trim, last, state.allIndexProgress());
      if (keep - state.logStart() < minRecords || !inFlight.add(d.groupId())) {
        continue;
      }
      d.propose(DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(state.lastHlc())
          .setTrimChangeLog(trim).build()).whenComplete((res, err) -> {
            inFlight.remove(d.groupId());
            if (err != null) {
              LOG.debug("group {}: change-log trim not committed: {}", d.groupId(), err.toString());
            }
          });
    }
  }
}
