package io.shoal.node.cluster;

import io.shoal.node.group.TableTotalsScan;
import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.Replica;
import io.shoal.proto.TableTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Periodically counts items and bytes per table in the groups this node leads, for the heartbeat to carry to the
 * metadata leader (which sums them for DescribeTable). Only leaders report so each group is counted once; the scan
 * runs on the caller's thread at the interval the caller schedules ({@code --stats-interval-secs}), so tests drive
 * it by calling {@link #tick()}.
 */
public final class StatsReporter {
  private final RaftHost host;
  private volatile List<TableTotals> latest = List.of();

  public StatsReporter(RaftHost host) {
    this.host = host;
  }

  /** Scans every group this node leads now and replaces the previous totals. */
  public void tick() {
    List<TableTotals> out = new ArrayList<>();
    for (Replica<?> r : host.replicas().values()) {
      if (r instanceof DataReplica d && d.isLeader()) {
        for (Map.Entry<Long, TableTotalsScan.Totals> e : d.state().tableTotals().entrySet()) {
          out.add(TableTotals.newBuilder().setGroupId(d.groupId()).setTableId(e.getKey())
              .setItemCount(e.getValue().items()).setSizeBytes(e.getValue().bytes()).build());
        }
      }
    }
    latest = List.copyOf(out);
  }

  /** Totals from the latest scan (empty before the first). */
  public List<TableTotals> latest() {
    return latest;
  }
}
