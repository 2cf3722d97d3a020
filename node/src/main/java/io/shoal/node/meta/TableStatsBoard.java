package io.shoal.node.meta;

import io.shoal.proto.GroupLeader;
import io.shoal.proto.TableInfo;
import io.shoal.proto.TableTotals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-table item counts and sizes, as the groups' leaders last reported them in heartbeats. Soft state of the
 * metadata leader, like {@link Liveness}: DynamoDB itself only refreshes ItemCount and TableSizeBytes about every six
 * hours, so approximate, slightly stale totals are within its contract, and replicating them through Raft would
 * only add log traffic. A newly elected metadata leader reports zero until the groups' next reports arrive.
 */
public final class TableStatsBoard {
  /** One group's latest report: the reporting leader's term and its per-table totals. */
  private record GroupReport(long term, Map<Long, TableTotals> byTable) {}

  private final Map<Integer, GroupReport> groups = new ConcurrentHashMap<>();

  /**
   * Takes a node's report. Totals are kept only for groups the node claims to lead in the same heartbeat, and a
   * report from an older term than the one already held is ignored (a deposed leader may not have noticed yet).
   */
  public void report(List<GroupLeader> leading, List<TableTotals> totals) {
    Map<Integer, Map<Long, TableTotals>> byGroup = new HashMap<>();
    for (TableTotals t : totals) {
      byGroup.computeIfAbsent(t.getGroupId(), g -> new HashMap<>()).put(t.getTableId(), t);
    }
    for (GroupLeader l : leading) {
      Map<Long, TableTotals> tables = byGroup.get(l.getGroupId());
      if (tables == null) {
        continue; // the leader has not finished a scan of this group yet: keep what we had
      }
      GroupReport fresh = new GroupReport(l.getTerm(), Map.copyOf(tables));
      groups.merge(l.getGroupId(), fresh, (old, neu) -> neu.term() >= old.term() ? neu : old);
    }
  }

  /**
   * {@code table} with item_count and size_bytes summed over every group's latest report, for the table and for
   * each index (whose entries are counted under the index id).
   */
  public TableInfo withTotals(TableInfo table) {
    long[] t = sum(table.getId());
    TableInfo.Builder b = table.toBuilder().setItemCount(t[0]).setSizeBytes(t[1]);
    for (int n = 0; n < b.getIndexesCount(); n++) {
      long[] i = sum(b.getIndexes(n).getId());
      b.setIndexes(n, b.getIndexes(n).toBuilder().setItemCount(i[0]).setSizeBytes(i[1]));
    }
    return b.build();
  }

  private long[] sum(long id) {
    long items = 0;
    long bytes = 0;
    for (GroupReport r : groups.values()) {
      TableTotals t = r.byTable().get(id);
      if (t != null) {
        items += t.getItemCount();
        bytes += t.getSizeBytes();
      }
    }
    return new long[] {items, bytes};
  }
}
