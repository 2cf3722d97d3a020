package io.shoal.router.testing;

import com.google.protobuf.ByteString;
import io.shoal.core.index.IndexChanges;
import io.shoal.core.index.IndexKeyCheck;
import io.shoal.core.index.IndexKeys;
import io.shoal.core.key.KeyCodec;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster.Page;
import io.shoal.router.cluster.IndexTargets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The fake cluster's secondary indexes, kept as a storage node keeps them: entries under their entry keys
 * ({@link IndexKeys#entryKey}), changed with {@link IndexChanges} on every base write, read as byte ranges. Unlike
 * the real cluster, GSI entries change synchronously with the base item (no shipping delay).
 */
final class FakeIndexes {
  private static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();

  private final Map<Long, NavigableMap<ByteString, Item>> entries = new ConcurrentHashMap<>();

  /** The ValidationException text a node would refuse {@code newItem} with, or null. */
  static String violation(TableInfo table, Item newItem) {
    return newItem == null ? null : IndexKeyCheck.violation(table.getIndexesList(), newItem);
  }

  /** Applies one base write ({@code before}/{@code after} null when absent) to every index of the table. */
  void onWrite(TableInfo table, Item before, Item after) {
    Item any = after != null ? after : before;
    if (any == null || table.getIndexesCount() == 0) {
      return;
    }
    byte[] baseKey = IndexKeys.baseItemKey(IndexTargets.tableKeys(table), any);
    for (IndexInfo index : table.getIndexesList()) {
      NavigableMap<ByteString, Item> map = entries(index.getId());
      for (IndexChanges.Change c : IndexChanges.of(index, IndexTargets.tableKeys(table), baseKey, before, after)) {
        if (c.isDelete()) {
          map.remove(ByteString.copyFrom(c.key()));
        } else {
          map.put(ByteString.copyFrom(c.key()), c.item());
        }
      }
    }
  }

  /** Builds a new index from the table's items (the real cluster's backfill, done at once). */
  void backfill(TableInfo table, IndexInfo index, Collection<Item> items) {
    TableInfo only = table.toBuilder().clearIndexes().addIndexes(index).build();
    items.forEach(i -> onWrite(only, null, i));
  }

  void drop(long indexId) {
    entries.remove(indexId);
  }

  /** Number of entries of an index (for tests). */
  int size(long indexId) {
    return entries(indexId).size();
  }

  /** DynamoDB sizes of an index's entries, summed (its IndexSizeBytes). */
  long bytes(long indexId) {
    return entries(indexId).values().stream().mapToLong(io.shoal.core.item.ItemSize::of).sum();
  }

  Page query(TableInfo table, IndexInfo index, AttributeValue partitionKey, IndexKeys.Bounds bounds,
      boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit) {
    byte[] pk = IndexKeys.partitionKey(index, partitionKey);
    ByteString prefix = ByteString.copyFrom(KeyCodec.partitionPrefix(pk));
    byte[] start = exclusiveStartKey == null ? null : IndexTargets.entryKey(table, index, exclusiveStartKey);
    List<Map.Entry<ByteString, Item>> matching = new ArrayList<>();
    for (Map.Entry<ByteString, Item> e : entries(index.getId()).tailMap(prefix, true).entrySet()) {
      byte[] key = e.getKey().toByteArray();
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (java.util.Arrays.equals(KeyCodec.pkOf(key), pk) && within(KeyCodec.skOf(key), bounds)) {
        matching.add(e);
      }
    }
    if (!forward) {
      java.util.Collections.reverse(matching);
    }
    if (start != null) {
      ByteString s = ByteString.copyFrom(start);
      matching.removeIf(e -> forward ? ORDER.compare(e.getKey(), s) <= 0 : ORDER.compare(e.getKey(), s) >= 0);
    }
    return page(table, index, matching, limit);
  }

  /** Scan order: by a hash of the entry's partition key bytes, then entry key; segments split the hash range. */
  Page scan(TableInfo table, IndexInfo index, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit) {
    Comparator<ByteString> order = Comparator.<ByteString>comparingLong(k -> hash(k)).thenComparing(ORDER);
    List<Map.Entry<ByteString, Item>> matching = new ArrayList<>();
    for (Map.Entry<ByteString, Item> e : entries(index.getId()).entrySet()) {
      if ((hash(e.getKey()) * totalSegments) >>> 31 == segment) {
        matching.add(e);
      }
    }
    matching.sort((a, b) -> order.compare(a.getKey(), b.getKey()));
    if (exclusiveStartKey != null) {
      ByteString s = ByteString.copyFrom(IndexTargets.entryKey(table, index, exclusiveStartKey));
      matching.removeIf(e -> order.compare(e.getKey(), s) <= 0);
    }
    return page(table, index, matching, limit);
  }

  private static Page page(TableInfo table, IndexInfo index, List<Map.Entry<ByteString, Item>> ordered, int limit) {
    List<Item> items = new ArrayList<>();
    ordered.forEach(e -> items.add(e.getValue()));
    if (limit <= 0 || items.size() < limit) {
      return new Page(List.copyOf(items), Optional.empty());
    }
    List<Item> taken = List.copyOf(items.subList(0, limit));
    return new Page(taken, Optional.of(IndexTargets.lastKey(table, index, taken.get(taken.size() - 1))));
  }

  private static boolean within(byte[] sortPart, IndexKeys.Bounds b) {
    if (b == null) {
      return true;
    }
    ByteString s = ByteString.copyFrom(sortPart == null ? new byte[0] : sortPart);
    if (b.lower() != null) {
      int c = ORDER.compare(s, ByteString.copyFrom(b.lower()));
      if (c < 0 || (c == 0 && !b.lowerInclusive())) {
        return false;
      }
    }
    if (b.upper() != null) {
      int c = ORDER.compare(s, ByteString.copyFrom(b.upper()));
      if (c > 0 || (c == 0 && !b.upperInclusive())) {
        return false;
      }
    }
    return true;
  }

  /** A 31-bit hash of an entry's partition key bytes (murmur3's finaliser, as the fake's table scan uses). */
  private static long hash(ByteString entryKey) {
    int h = java.util.Arrays.hashCode(KeyCodec.pkOf(entryKey.toByteArray()));
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h & 0x7fffffffL;
  }

  private NavigableMap<ByteString, Item> entries(long indexId) {
    return entries.computeIfAbsent(indexId, id -> new ConcurrentSkipListMap<>(ORDER));
  }
}
