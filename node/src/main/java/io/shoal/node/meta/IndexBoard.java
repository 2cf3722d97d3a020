package io.shoal.node.meta;

import io.shoal.proto.GroupLeader;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.IndexLag;
import io.shoal.proto.IndexProgress;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GSI shipping progress per (group, index) as the groups' leaders last reported it in heartbeats: soft state of the
 * metadata leader, like {@link TableStatsBoard}. It answers two questions: has every group finished backfilling a
 * new index (then it may become ACTIVE), and how far behind is each index (for status and metrics).
 */
public final class IndexBoard {
  private record Key(int group, long index) {}

  private record Report(long term, IndexProgress progress) {}

  private final Map<Key, Report> reports = new ConcurrentHashMap<>();

  /** Keeps reports only for groups the node leads in the same heartbeat; an older term never replaces a newer. */
  public void report(List<GroupLeader> leading, List<IndexProgress> progress) {
    for (IndexProgress p : progress) {
      for (GroupLeader l : leading) {
        if (l.getGroupId() == p.getGroupId()) {
          reports.merge(new Key(p.getGroupId(), p.getIndexId()), new Report(l.getTerm(), p),
              (old, neu) -> neu.term() >= old.term() ? neu : old);
        }
      }
    }
  }

  /** True once every group of the map has reported the index backfilled. */
  public boolean backfilledEverywhere(long indexId, PartitionMap map) {
    if (map.getGroupsCount() == 0) {
      return false;
    }
    return map.getGroupsList().stream().allMatch(g -> {
      Report r = reports.get(new Key(g.getId(), indexId));
      return r != null && r.progress().getBackfilled();
    });
  }

  public List<IndexLag> lag(List<TableInfo> tables, PartitionMap map) {
    List<IndexLag> out = new ArrayList<>();
    for (TableInfo t : tables) {
      for (IndexInfo i : t.getIndexesList()) {
        if (i.getKind() != IndexInfo.Kind.GLOBAL) {
          continue;
        }
        int backfilled = 0;
        long records = 0;
        long millis = 0;
        for (var g : map.getGroupsList()) {
          Report r = reports.get(new Key(g.getId(), i.getId()));
          if (r == null) {
            continue;
          }
          backfilled += r.progress().getBackfilled() ? 1 : 0;
          records = Math.max(records, r.progress().getRecordsBehind());
          millis = Math.max(millis, r.progress().getMillisBehind());
        }
        out.add(IndexLag.newBuilder().setTable(t.getName()).setIndex(i.getName()).setIndexId(i.getId())
            .setStatus(i.getStatus().name()).setGroupsBackfilled(backfilled).setGroups(map.getGroupsCount())
            .setRecordsBehind(records).setMillisBehind(millis).build());
      }
    }
    return out;
  }
}
