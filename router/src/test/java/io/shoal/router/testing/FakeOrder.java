package io.shoal.router.testing;

import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster.Page;
import io.shoal.router.cluster.Cluster.SortKeyRange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake cluster's orders: Shoal's scan order (hash of the partition key, then key), DynamoDB's key order within a
 * partition, and pages cut at a limit.
 */
final class FakeOrder {
  private FakeOrder() {}

  /** A 31-bit hash of a partition key; segment s of n holds the hashes in [s/n, (s+1)/n) of the range. */
  static long hash(AttributeValue partitionKey) {
    int h = java.util.Arrays.hashCode(partitionKey.toByteArray());
    // murmur3's finaliser, so that small keys spread over the whole range (and so over every segment)
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h & 0x7fffffffL;
  }

  static Comparator<Map<String, AttributeValue>> scanOrder(TableInfo t) {
    String hashName = t.getHashKey().getName();
    String rangeName = t.getRangeKey().getName();
    Comparator<Map<String, AttributeValue>> c = Comparator.comparingLong(m -> hash(m.get(hashName)));
    c = c.thenComparing(m -> m.get(hashName), FakeOrder::compareValues);
    if (!rangeName.isEmpty()) {
      c = c.thenComparing(m -> m.get(rangeName), FakeOrder::compareValues);
    }
    return c;
  }

  /** Takes up to {@code limit} items; when the limit is reached the page ends there, as DynamoDB's does. */
  static Page page(TableInfo t, List<Item> ordered, int limit) {
    if (limit <= 0 || ordered.size() < limit) {
      return new Page(List.copyOf(ordered), Optional.empty());
    }
    List<Item> taken = List.copyOf(ordered.subList(0, limit));
    Map<String, AttributeValue> last = new LinkedHashMap<>();
    Map<String, AttributeValue> attrs = taken.get(taken.size() - 1).getAttributesMap();
    last.put(t.getHashKey().getName(), attrs.get(t.getHashKey().getName()));
    if (!t.getRangeKey().getName().isEmpty()) {
      last.put(t.getRangeKey().getName(), attrs.get(t.getRangeKey().getName()));
    }
    return new Page(taken, Optional.of(last));
  }

  static boolean inRange(AttributeValue v, SortKeyRange r) {
    if (r.beginsWith() != null) {
      ByteString prefix = bytes(r.beginsWith());
      return bytes(v).startsWith(prefix);
    }
    if (r.lower() != null) {
      int c = compareValues(v, r.lower());
      if (c < 0 || (c == 0 && !r.lowerInclusive())) {
        return false;
      }
    }
    if (r.upper() != null) {
      int c = compareValues(v, r.upper());
      if (c > 0 || (c == 0 && !r.upperInclusive())) {
        return false;
      }
    }
    return true;
  }

  static ByteString bytes(AttributeValue v) {
    return v.hasB() ? v.getB() : ByteString.copyFrom(v.getS(), StandardCharsets.UTF_8);
  }

  /** DynamoDB's key order: S and B by unsigned bytes, N numerically. */
  static int compareValues(AttributeValue a, AttributeValue b) {
    if (a.getValueCase() == AttributeValue.ValueCase.N) {
      return new BigDecimal(a.getN()).compareTo(new BigDecimal(b.getN()));
    }
    return ByteString.unsignedLexicographicalComparator().compare(bytes(a), bytes(b));
  }
}
