package io.shoal.node.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.core.item.ItemSize;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.node.storage.DataKeys;
import io.shoal.node.storage.Space;
import io.shoal.node.storage.StorageEngine;
import io.shoal.node.storage.StorageException;
import io.shoal.proto.EncodedItemVersion;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link RangeQuery} into one storage range and reads it in order. Sort keys sit last in the item key with
 * an order-preserving encoding, so every Query is a single contiguous range; a Scan is the group's slice of the
 * table's hash space.
 */
public final class RangeReader {
  private final GroupRange range;
  private final StorageEngine engine;

  public RangeReader(GroupRange range, StorageEngine engine) {
    this.range = range;
    this.engine = engine;
  }

  /**
   * One item read: its item key and stored version. The item stays encoded until {@link #version} is asked for: a
   * router's read sends the encoding on as it is ({@link #itemBytes}), index shipping decodes it.
   */
  public static final class Row {
    private final byte[] itemKey;
    private final EncodedItemVersion stored;
    private ItemVersion version;

    Row(byte[] itemKey, EncodedItemVersion stored) {
      this.itemKey = itemKey;
      this.stored = stored;
    }

    public byte[] itemKey() {
      return itemKey;
    }

    /** The item's protobuf encoding, as stored. */
    public ByteString itemBytes() {
      return stored.getItem();
    }

    /** The decoded version; decodes the item on first use. */
    public ItemVersion version() {
      if (version == null) {
        try {
          version = ItemVersion.newBuilder().setItem(Item.parseFrom(stored.getItem())).setHlc(stored.getHlc())
              .setOrigin(stored.getOrigin()).setSeq(stored.getSeq()).build();
        } catch (InvalidProtocolBufferException e) {
          throw new StorageException("corrupt item version", e);
        }
      }
      return version;
    }
  }

  /**
   * @param truncated the read stopped at the limit or byte budget, so the caller should page on
   * @param bytesRead the DynamoDB item sizes ({@link ItemSize}) of the rows read, summed
   */
  public record Result(List<Row> rows, boolean truncated, long bytesRead) {}

  public Result read(RangeQuery q) {
    byte[][] bounds = q.partitionKey() != null ? queryBounds(q) : scanBounds(q);
    List<Row> rows = new ArrayList<>();
    if (bounds == null) {
      return new Result(rows, false, 0);
    }
    byte[] from = bounds[0];
    byte[] to = bounds[1];
    if (q.exclusiveStart() != null) {
      byte[] start = storageKey(q, q.exclusiveStart());
      if (q.descending()) {
        to = min(to, start);
      } else {
        from = max(from, successor(start));
      }
    }
    if (Arrays.compareUnsigned(from, to) >= 0) {
      return new Result(rows, false, 0);
    }
    long[] bytes = {0};
    boolean[] stopped = {false};
    StorageEngine.KeyValueVisitor visitor = (k, v) -> {
      EncodedItemVersion stored = parse(v);
      rows.add(new Row(Arrays.copyOfRange(k, 16, k.length), stored));
      // DynamoDB cuts pages (and charges reads) by its own item size, not by what a row occupies on disk.
      bytes[0] += StoredItem.sizeOf(stored.getItem());
      if ((q.limit() > 0 && rows.size() >= q.limit()) || (q.maxBytes() > 0 && bytes[0] >= q.maxBytes())) {
        stopped[0] = true;
        return false;
      }
      return true;
    };
    if (q.descending()) {
      engine.scanReverse(Space.ITEMS, from, to, visitor);
    } else {
      engine.scan(Space.ITEMS, from, to, visitor);
    }
    return new Result(rows, stopped[0], bytes[0]);
  }

  private byte[][] queryBounds(RangeQuery q) {
    long hash = PartitionHash.hash(q.hashTableId(), q.partitionKey());
    if (!range.contains(hash)) {
      throw new IllegalArgumentException("partition key is outside group " + range.groupId() + "'s range");
    }
    byte[] prefix = DataKeys.itemKey(q.tableId(), hash, KeyCodec.partitionPrefix(q.partitionKey()));
    byte[] from = q.lower() == null ? prefix
        : q.lowerInclusive() ? concat(prefix, q.lower()) : successor(concat(prefix, q.lower()));
    byte[] to;
    if (q.upper() == null) {
      byte[] end = KeyCodec.prefixEnd(prefix);
      to = end != null ? end : DataKeys.itemRangeEnd(q.tableId(), 0);
    } else {
      to = q.upperInclusive() ? successor(concat(prefix, q.upper())) : concat(prefix, q.upper());
    }
    return new byte[][] {from, to};
  }

  private byte[][] scanBounds(RangeQuery q) {
    long start = range.start();
    long end = range.end();
    if (q.segmentStart() != null) {
      start = Long.compareUnsigned(start, q.segmentStart()) >= 0 ? start : q.segmentStart();
      end = minEnd(end, q.segmentEnd());
    }
    if (end != 0 && Long.compareUnsigned(start, end) >= 0) {
      return null;
    }
    return new byte[][] {DataKeys.itemRangeStart(q.tableId(), start), DataKeys.itemRangeEnd(q.tableId(), end)};
  }

  /** The smaller of two exclusive range ends where 0 stands for 2^64. */
  private static long minEnd(long a, long b) {
    if (a == 0) {
      return b;
    }
    if (b == 0) {
      return a;
    }
    return Long.compareUnsigned(a, b) <= 0 ? a : b;
  }

  private static byte[] storageKey(RangeQuery q, byte[] itemKey) {
    return DataKeys.itemKey(q.tableId(), PartitionHash.hash(q.hashTableId(), KeyCodec.pkOf(itemKey)), itemKey);
  }

  /** The smallest key greater than {@code k} in unsigned byte order. */
  private static byte[] successor(byte[] k) {
    return Arrays.copyOf(k, k.length + 1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] min(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }

  private static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  private static EncodedItemVersion parse(byte[] v) {
    try {
      return EncodedItemVersion.parseFrom(v);
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("corrupt item version", e);
    }
  }
}
