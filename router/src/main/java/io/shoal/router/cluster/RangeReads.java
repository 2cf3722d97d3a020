package io.shoal.router.cluster;

import com.google.protobuf.ByteString;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.HashRanges;
import io.shoal.core.partition.PartitionHash;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.Item;
import io.shoal.proto.KeyBound;
import io.shoal.proto.RangeItem;
import io.shoal.proto.RangeReadRequest;
import io.shoal.proto.RangeReadResponse;
import io.shoal.proto.TableInfo;
import io.shoal.router.error.DynamoException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Query and Scan pages over the groups' ReadRange RPC. A Query touches the one group owning its partition key; a
 * Scan segment walks the groups overlapping its slice of the hash ring in ring order, carrying the remaining item
 * limit and byte budget from group to group, so a page stops exactly where DynamoDB's would.
 */
final class RangeReads {
  private final GroupCaller groups;
  private final Consumer<TableInfo> onDropped;

  RangeReads(GroupCaller groups, Consumer<TableInfo> onDropped) {
    this.groups = groups;
    this.onDropped = onDropped;
  }

  CompletableFuture<Cluster.Page> query(TableInfo table, AttributeValue partitionKey, Cluster.SortKeyRange range,
      boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistent) {
    byte[] pk = KeyCodec.partitionKeyBytes(table.getHashKey().getType(), partitionKey);
    RangeReadRequest.Builder req = RangeReadRequest.newBuilder().setTableId(table.getId())
        .setPartitionKey(ByteString.copyFrom(pk)).setDescending(!forward).setLimit(Math.max(0, limit))
        .setMaxBytes(Cluster.PAGE_BYTES).setConsistent(consistent);
    if (range != null) {
      bounds(table, range, req);
    }
    if (exclusiveStartKey != null) {
      req.setExclusiveStart(ByteString.copyFrom(itemKey(table, exclusiveStartKey)));
    }
    long hash = PartitionHash.hash(table.getId(), pk);
    return groups.call(hash, (g, stub) -> stub.readRange(req.setGroupId(g.getId()).setGroupEpoch(g.getEpoch())
        .build()), RangeReadResponse::getError).thenApply(r -> {
          check(table, r);
          List<Item> items = new ArrayList<>();
          r.getItemsList().forEach(i -> items.add(i.getItem()));
          return new Cluster.Page(items, r.getTruncated() && !items.isEmpty()
              ? Optional.of(keyOf(table, items.get(items.size() - 1))) : Optional.empty());
        });
  }

  private static void bounds(TableInfo table, Cluster.SortKeyRange range, RangeReadRequest.Builder req) {
    var type = table.getRangeKey().getType();
    if (range.beginsWith() != null) {
      byte[] prefix = KeyCodec.sortKeyBytes(type, range.beginsWith());
      req.setLower(KeyBound.newBuilder().setKey(ByteString.copyFrom(prefix)).setInclusive(true));
      byte[] end = KeyCodec.prefixEnd(prefix);
      if (end != null) {
        req.setUpper(KeyBound.newBuilder().setKey(ByteString.copyFrom(end)).setInclusive(false));
      }
      return;
    }
    if (range.lower() != null) {
      req.setLower(KeyBound.newBuilder().setKey(ByteString.copyFrom(KeyCodec.sortKeyBytes(type, range.lower())))
          .setInclusive(range.lowerInclusive()));
    }
    if (range.upper() != null) {
      req.setUpper(KeyBound.newBuilder().setKey(ByteString.copyFrom(KeyCodec.sortKeyBytes(type, range.upper())))
          .setInclusive(range.upperInclusive()));
    }
  }

  CompletableFuture<Cluster.Page> scan(TableInfo table, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistent) {
    byte[] start = exclusiveStartKey == null ? null : itemKey(table, exclusiveStartKey);
    return scan(new Target(table, table.getId(), table.getId(), i -> keyOf(table, i)), segment, totalSegments, start,
        limit, consistent);
  }

  /**
   * What a range read reads: a table, or an index (entries stored under the index id, hashed with
   * {@code hashTableId}: the base table's for an LSI, the index's own for a GSI).
   */
  private record Target(TableInfo table, long tableId, long hashTableId,
      java.util.function.Function<Item, Map<String, AttributeValue>> keyOf) {
    static Target of(TableInfo table, io.shoal.proto.IndexInfo index) {
      return new Target(table, index.getId(), io.shoal.core.index.IndexKeys.hashTableId(index, table.getId()),
          i -> IndexTargets.lastKey(table, index, i));
    }

    RangeReadRequest.Builder request() {
      RangeReadRequest.Builder b = RangeReadRequest.newBuilder().setTableId(tableId);
      if (hashTableId != tableId) {
        b.setHashTableId(hashTableId);
      }
      return b;
    }
  }

  CompletableFuture<Cluster.Page> queryIndex(TableInfo table, io.shoal.proto.IndexInfo index,
      AttributeValue partitionKey, io.shoal.core.index.IndexKeys.Bounds bounds, boolean forward,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistent) {
    Target t = Target.of(table, index);
    byte[] pk = io.shoal.core.index.IndexKeys.partitionKey(index, partitionKey);
    RangeReadRequest.Builder req = t.request().setPartitionKey(ByteString.copyFrom(pk)).setDescending(!forward)
        .setLimit(Math.max(0, limit)).setMaxBytes(Cluster.PAGE_BYTES).setConsistent(consistent);
    if (bounds != null && bounds.lower() != null) {
      req.setLower(KeyBound.newBuilder().setKey(ByteString.copyFrom(bounds.lower()))
          .setInclusive(bounds.lowerInclusive()));
    }
    if (bounds != null && bounds.upper() != null) {
      req.setUpper(KeyBound.newBuilder().setKey(ByteString.copyFrom(bounds.upper()))
          .setInclusive(bounds.upperInclusive()));
    }
    if (exclusiveStartKey != null) {
      byte[] start = IndexTargets.entryKey(table, index, exclusiveStartKey);
      if (start != null) {
        req.setExclusiveStart(ByteString.copyFrom(start));
      }
    }
    long hash = PartitionHash.hash(t.hashTableId(), pk);
    return groups.call(hash, (g, stub) -> stub.readRange(req.setGroupId(g.getId()).setGroupEpoch(g.getEpoch())
        .build()), RangeReadResponse::getError).thenApply(r -> {
          check(table, r);
          List<Item> items = new ArrayList<>();
          r.getItemsList().forEach(i -> items.add(i.getItem()));
          return new Cluster.Page(items, r.getTruncated() && !items.isEmpty()
              ? Optional.of(t.keyOf().apply(items.get(items.size() - 1))) : Optional.empty());
        });
  }

  CompletableFuture<Cluster.Page> scanIndex(TableInfo table, io.shoal.proto.IndexInfo index, int segment,
      int totalSegments, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistent) {
    byte[] start = exclusiveStartKey == null ? null : IndexTargets.entryKey(table, index, exclusiveStartKey);
    return scan(Target.of(table, index), segment, totalSegments, start, limit, consistent);
  }

  private CompletableFuture<Cluster.Page> scan(Target target, int segment, int totalSegments, byte[] start,
      int limit, boolean consistent) {
    long[] seg = HashRanges.evenSplit(totalSegments).get(segment);
    long position = start == null ? seg[0] : PartitionHash.hash(target.hashTableId(), KeyCodec.pkOf(start));
    State s = new State(target, seg[0], seg[1], Math.max(0, limit), consistent);
    return step(s, position, start);
  }

  /** Progress of one scan page across groups. */
  private static final class State {
    final Target target;
    final TableInfo table;
    final long segStart;
    final long segEnd;
    final int limit;
    final boolean consistent;
    final List<Item> items = new ArrayList<>();
    long bytes;

    State(Target target, long segStart, long segEnd, int limit, boolean consistent) {
      this.target = target;
      this.table = target.table();
      this.segStart = segStart;
      this.segEnd = segEnd;
      this.limit = limit;
      this.consistent = consistent;
    }
  }

  private CompletableFuture<Cluster.Page> step(State s, long position, byte[] exclusiveStart) {
    long[] groupEnd = new long[1];
    RangeReadRequest.Builder req = s.target.request().setHashBounded(true)
        .setConsistent(s.consistent).setMaxBytes(Math.max(1, Cluster.PAGE_BYTES - s.bytes))
        .setLimit(s.limit == 0 ? 0 : s.limit - s.items.size());
    if (exclusiveStart != null) {
      req.setExclusiveStart(ByteString.copyFrom(exclusiveStart));
    }
    return groups.call(position, (g, stub) -> {
      groupEnd[0] = g.getHashEnd();
      return stub.readRange(req.setGroupId(g.getId()).setGroupEpoch(g.getEpoch())
          .setHashStart(maxStart(g.getHashStart(), s.segStart)).setHashEnd(minEnd(g.getHashEnd(), s.segEnd)).build());
    }, RangeReadResponse::getError).thenCompose(r -> {
      check(s.table, r);
      for (RangeItem i : r.getItemsList()) {
        s.items.add(i.getItem());
      }
      s.bytes += r.getBytesRead();
      if (r.getTruncated()) {
        return done(s, true);
      }
      // Next group, unless this one reached the end of the segment (or of the ring).
      long next = groupEnd[0];
      if (next == 0 || (s.segEnd != 0 && Long.compareUnsigned(next, s.segEnd) >= 0)) {
        return done(s, false);
      }
      return step(s, next, null);
    });
  }

  private static CompletableFuture<Cluster.Page> done(State s, boolean truncated) {
    Optional<Map<String, AttributeValue>> last = truncated && !s.items.isEmpty()
        ? Optional.of(s.target.keyOf().apply(s.items.get(s.items.size() - 1))) : Optional.empty();
    return CompletableFuture.completedFuture(new Cluster.Page(s.items, last));
  }

  private static long maxStart(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** The smaller of two exclusive ends where 0 stands for 2^64. */
  private static long minEnd(long a, long b) {
    if (a == 0) {
      return b;
    }
    if (b == 0) {
      return a;
    }
    return Long.compareUnsigned(a, b) <= 0 ? a : b;
  }

  private void check(TableInfo table, RangeReadResponse r) {
    if (!r.hasError()) {
      return;
    }
    if (r.getError().getCode() == ErrorCode.TABLE_NOT_FOUND) {
      onDropped.accept(table);
      throw DynamoException.resourceNotFound("Requested resource not found");
    }
    throw DynamoException.internalServerError("Internal server error: " + r.getError().getMessage());
  }

  static byte[] itemKey(TableInfo table, Map<String, AttributeValue> key) {
    byte[] pk = KeyCodec.partitionKeyBytes(table.getHashKey().getType(), key.get(table.getHashKey().getName()));
    byte[] sk = table.getRangeKey().getName().isEmpty() ? null
        : KeyCodec.sortKeyBytes(table.getRangeKey().getType(), key.get(table.getRangeKey().getName()));
    return KeyCodec.itemKey(pk, sk);
  }

  static Map<String, AttributeValue> keyOf(TableInfo table, Item item) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(table.getHashKey().getName(), item.getAttributesOrThrow(table.getHashKey().getName()));
    if (!table.getRangeKey().getName().isEmpty()) {
      key.put(table.getRangeKey().getName(), item.getAttributesOrThrow(table.getRangeKey().getName()));
    }
    return key;
  }

}
