package io.shoal.router.api;

import io.shoal.core.capacity.CapacityUnits;
import io.shoal.core.index.IndexChanges;
import io.shoal.core.index.IndexKeys;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.IndexTargets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Write units a base write costs in each secondary index, for ReturnConsumedCapacity (developer guide, "Provisioned
 * throughput considerations for global/local secondary indexes"): nothing when the index entry does not change
 * (item not in the index before or after, or a KEYS_ONLY/INCLUDE entry whose projected attributes are equal); one
 * entry write when an entry appears, disappears or changes in place; two when the index key changed (delete the
 * old entry, put the new). Each entry write is charged on the entry's size rounded up to 1 KB, at least 1.
 *
 * <p>Approximation (docs/compatibility.md): entry sizes are the projected items' DynamoDB sizes, without the
 * per-entry overhead DynamoDB adds, and a changed-in-place entry is charged on its new size only.
 */
final class IndexWriteUnits {
  private IndexWriteUnits() {}

  /** Units per index that the write changed ({@code before}/{@code after} null when absent); in catalog order. */
  static Map<IndexInfo, Double> of(TableInfo table, Item before, Item after) {
    Map<IndexInfo, Double> out = new LinkedHashMap<>();
    Item any = after != null ? after : before;
    if (table.getIndexesCount() == 0 || any == null) {
      return out;
    }
    IndexKeys.TableKeys keys = IndexTargets.tableKeys(table);
    byte[] baseKey = IndexKeys.baseItemKey(keys, any);
    if (baseKey == null) {
      return out;
    }
    for (IndexInfo index : table.getIndexesList()) {
      double units = 0;
      for (IndexChanges.Change c : IndexChanges.of(index, keys, baseKey, before, after)) {
        long size = c.isDelete() ? ItemSize.of(io.shoal.core.index.Projection.project(index, keys, before))
            : ItemSize.of(c.item());
        units += CapacityUnits.write(0, size);
      }
      if (units > 0) {
        out.put(index, units);
      }
    }
    return out;
  }
}
