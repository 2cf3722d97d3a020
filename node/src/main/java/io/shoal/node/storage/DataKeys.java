package io.shoal.node.storage;

import java.nio.ByteBuffer;

/**
 * The on-disk key layout. Changing it breaks existing data directories.
 *
 * <pre>
 * ITEMS       tableId(8) | hash(8) | itemKey         item key = pk length(2) | pk | sort key (KeyCodec)
 * CHANGELOG   groupId(4) | seq(8)
 * GROUP_META  groupId(4) | tag(1) [| tableId(8)]
 * </pre>
 *
 * <p>Items carry no group id: a group owns the hash range [start, end) of every table, so its items of table t are
 * the contiguous range [t|start, t|end). Splitting a group is then a metadata change (no data is rewritten), and a
 * table scan within a group is one range per table. All integers are big-endian so unsigned byte order is numeric.
 */
public final class DataKeys {
  public static final byte TAG_APPLIED_INDEX = 'a';
  public static final byte TAG_LAST_SEQ = 's';
  public static final byte TAG_LAST_HLC = 'h';
  public static final byte TAG_TABLE_SEEN = 't';
  public static final byte TAG_TABLE_DROPPED = 'd';
  /** The first change-log seq not trimmed (0: nothing trimmed yet). */
  public static final byte TAG_LOG_START = 'l';

  private DataKeys() {}

  public static byte[] itemKey(long tableId, long hash, byte[] itemKey) {
    return ByteBuffer.allocate(16 + itemKey.length).putLong(tableId).putLong(hash).put(itemKey).array();
  }

  /** First key of table {@code tableId} at or after hash position {@code hash}. */
  public static byte[] itemRangeStart(long tableId, long hash) {
    return ByteBuffer.allocate(16).putLong(tableId).putLong(hash).array();
  }

  /** Exclusive end of table {@code tableId}'s items below hash position {@code hashEnd} (0 means 2^64). */
  public static byte[] itemRangeEnd(long tableId, long hashEnd) {
    if (hashEnd == 0) {
      return ByteBuffer.allocate(16).putLong(tableId + 1).putLong(0).array();
    }
    return ByteBuffer.allocate(16).putLong(tableId).putLong(hashEnd).array();
  }

  public static long tableIdOf(byte[] itemStorageKey) {
    return ByteBuffer.wrap(itemStorageKey).getLong(0);
  }

  public static long hashOf(byte[] itemStorageKey) {
    return ByteBuffer.wrap(itemStorageKey).getLong(8);
  }

  public static byte[] changeKey(int groupId, long seq) {
    return ByteBuffer.allocate(12).putInt(groupId).putLong(seq).array();
  }

  public static byte[] groupStart(int groupId) {
    return ByteBuffer.allocate(4).putInt(groupId).array();
  }

  /** Exclusive end of every per-group key space for {@code groupId}. */
  public static byte[] groupEnd(int groupId) {
    return ByteBuffer.allocate(4).putInt(groupId + 1).array();
  }

  public static byte[] metaKey(int groupId, byte tag) {
    return ByteBuffer.allocate(5).putInt(groupId).put(tag).array();
  }

  public static byte[] tableMetaKey(int groupId, byte tag, long tableId) {
    return ByteBuffer.allocate(13).putInt(groupId).put(tag).putLong(tableId).array();
  }

  public static byte[] tableMetaPrefixEnd(int groupId, byte tag) {
    return ByteBuffer.allocate(5).putInt(groupId).put((byte) (tag + 1)).array();
  }

  public static long tableIdOfMetaKey(byte[] key) {
    return ByteBuffer.wrap(key).getLong(5);
  }

  public static byte[] longValue(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  public static long longOf(byte[] v) {
    return v == null ? 0 : ByteBuffer.wrap(v).getLong();
  }
}
