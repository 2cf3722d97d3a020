package io.shoal.core.index;

import io.shoal.core.key.KeyCodec;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Keys of index entries. An entry is stored like an item of a table whose id is the index id, with the item key
 * {@code KeyCodec.itemKey(indexPk, sortPart)} where
 * {@code sortPart = escaped(indexSk) ++ baseItemKey} (or just {@code baseItemKey} for a GSI without sort key).
 *
 * <p>Many base items can share an index key, so the base item key makes each entry unique and orders entries with
 * equal index keys by base key, as DynamoDB's pagination keys (index key plus base key) require. The index sort
 * key is no longer last, so it is escaped to be self-delimiting while keeping order: 0x00 becomes 0x00 0xFF and the
 * value ends with 0x00 0x01. Then {@code esc(a) ++ x < esc(b) ++ y} whenever {@code a < b}, and a Query's sort-key
 * condition becomes a byte range over the escaped prefix ({@link #sortBounds}).
 */
public final class IndexKeys {
  private IndexKeys() {}

  /** The base table's key schema (its sort key has an empty name when absent). */
  public record TableKeys(KeyAttribute hash, KeyAttribute range) {
    public boolean hasRange() {
      return !range.getName().isEmpty();
    }
  }

  /** DynamoDB's item collection limit for tables with local secondary indexes: 10 GB. */
  public static final long ITEM_COLLECTION_LIMIT_BYTES = 10L * 1024 * 1024 * 1024;

  /** What a base write to {@code table} must carry for its indexes, or null when the table has none. */
  public static io.shoal.proto.WriteIndexes forWrites(io.shoal.proto.TableInfo table) {
    if (table.getIndexesCount() == 0) {
      return null;
    }
    io.shoal.proto.WriteIndexes.Builder b = io.shoal.proto.WriteIndexes.newBuilder()
        .setTableHashKey(table.getHashKey()).addAllIndexes(table.getIndexesList())
        .setItemCollectionLimitBytes(ITEM_COLLECTION_LIMIT_BYTES);
    if (!table.getRangeKey().getName().isEmpty()) {
      b.setTableRangeKey(table.getRangeKey());
    }
    return b.build();
  }

  /**
   * The table id an index's partition keys are hashed with: an LSI's entries sit beside their base items (base
   * table id), a GSI's spread over the hash space by its own partition key (index id).
   */
  public static long hashTableId(IndexInfo index, long baseTableId) {
    return index.getKind() == IndexInfo.Kind.LOCAL ? baseTableId : index.getId();
  }

  /**
   * The entry key of {@code item} in {@code index}, or null when the item is not in the index: an index key
   * attribute is missing (sparse index) or has another type or an invalid value (never indexed; writes of such
   * items are refused by {@link IndexKeyCheck} once the index exists).
   */
  public static byte[] entryKey(IndexInfo index, Item item, byte[] baseItemKey) {
    byte[] pk = scalar(index.getHashKey(), item, KeyCodec.MAX_PARTITION_KEY_BYTES, true);
    if (pk == null) {
      return null;
    }
    if (index.getRangeKey().getName().isEmpty()) {
      return KeyCodec.itemKey(pk, baseItemKey);
    }
    byte[] sk = scalar(index.getRangeKey(), item, KeyCodec.MAX_SORT_KEY_BYTES, false);
    if (sk == null) {
      return null;
    }
    return KeyCodec.itemKey(pk, concat(escape(sk, true), baseItemKey));
  }

  /** The base item key of an item (its table key attributes), or null when one is missing or mistyped. */
  public static byte[] baseItemKey(TableKeys table, Item item) {
    byte[] pk = scalar(table.hash(), item, KeyCodec.MAX_PARTITION_KEY_BYTES, true);
    if (pk == null) {
      return null;
    }
    if (!table.hasRange()) {
      return KeyCodec.itemKey(pk, null);
    }
    byte[] sk = scalar(table.range(), item, KeyCodec.MAX_SORT_KEY_BYTES, false);
    return sk == null ? null : KeyCodec.itemKey(pk, sk);
  }

  /** The partition key bytes a Query on the index looks up (KeyCodec.partitionKeyBytes of the index hash key). */
  public static byte[] partitionKey(IndexInfo index, AttributeValue value) {
    return KeyCodec.partitionKeyBytes(index.getHashKey().getType(), value);
  }

  /** A byte range over an index partition's sort parts; null ends are open. */
  public record Bounds(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {}

  /** Sort-key comparison of a Query's key condition, as on a base table. */
  public enum Op { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

  /**
   * The entry range of a key condition on an index sort key, given the sort key bytes (KeyCodec.sortKeyBytes) of
   * its operands ({@code b} only for BETWEEN).
   */
  public static Bounds sortBounds(Op op, byte[] a, byte[] b) {
    byte[] ea = escape(a, true);
    switch (op) {
      case EQ:
        return new Bounds(ea, true, KeyCodec.prefixEnd(ea), false);
      case LT:
        return new Bounds(null, false, ea, false);
      case LE:
        return new Bounds(null, false, KeyCodec.prefixEnd(ea), false);
      case GT:
        return new Bounds(KeyCodec.prefixEnd(ea), true, null, false);
      case GE:
        return new Bounds(ea, true, null, false);
      case BETWEEN:
        return new Bounds(ea, true, KeyCodec.prefixEnd(escape(b, true)), false);
      case BEGINS_WITH: {
        byte[] p = escape(a, false);
        return new Bounds(p, true, KeyCodec.prefixEnd(p), false);
      }
      default:
        throw new IllegalArgumentException("unknown operator " + op);
    }
  }

  /** Order-preserving, self-delimiting encoding: 0x00 as 0x00 0xFF, ended by 0x00 0x01 when {@code terminate}. */
  static byte[] escape(byte[] raw, boolean terminate) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 4);
    for (byte b : raw) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    if (terminate) {
      out.write(0);
      out.write(1);
    }
    return out.toByteArray();
  }

  private static byte[] scalar(KeyAttribute attr, Item item, int limit, boolean partition) {
    AttributeValue v = item.getAttributesMap().get(attr.getName());
    if (v == null || !IndexKeyCheck.hasType(v, attr.getType())) {
      return null;
    }
    try {
      return partition ? KeyCodec.partitionKeyBytes(attr.getType(), v) : KeyCodec.sortKeyBytes(attr.getType(), v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The key attribute type of a value, or null when it is not S, N or B. */
  static ScalarType typeOf(AttributeValue v) {
    switch (v.getValueCase()) {
      case S:
        return ScalarType.S;
      case N:
        return ScalarType.N;
      case B:
        return ScalarType.B;
      default:
        return null;
    }
  }
}
