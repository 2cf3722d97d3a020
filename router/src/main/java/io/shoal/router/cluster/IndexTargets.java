package io.shoal.router.cluster;

import io.shoal.core.index.IndexKeys;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.proto.WriteIndexes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key helpers shared by the index reads and writes of every {@link Cluster} (pure; no RPC). */
public final class IndexTargets {
  private IndexTargets() {}

  public static IndexKeys.TableKeys tableKeys(TableInfo t) {
    return new IndexKeys.TableKeys(t.getHashKey(), t.getRangeKey());
  }

  /** The entry key a start key (index and table key attributes) points at; null if it names no entry. */
  public static byte[] entryKey(TableInfo t, IndexInfo index, Map<String, AttributeValue> startKey) {
    Item item = Item.newBuilder().putAllAttributes(startKey).build();
    byte[] base = IndexKeys.baseItemKey(tableKeys(t), item);
    return base == null ? null : IndexKeys.entryKey(index, item, base);
  }

  /** A page's LastEvaluatedKey after {@code item}: the table's key attributes, then the index's. */
  public static Map<String, AttributeValue> lastKey(TableInfo t, IndexInfo index, Item item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (KeyAttribute k : List.of(t.getHashKey(), t.getRangeKey(), index.getHashKey(), index.getRangeKey())) {
      AttributeValue v = k.getName().isEmpty() ? null : item.getAttributesMap().get(k.getName());
      if (v != null) {
        key.put(k.getName(), v);
      }
    }
    return key;
  }

  /** What a write to {@code t} tells its group about the table's indexes; null for a table without any. */
  public static WriteIndexes writeIndexes(TableInfo t) {
    return io.shoal.core.index.IndexKeys.forWrites(t);
  }
}
