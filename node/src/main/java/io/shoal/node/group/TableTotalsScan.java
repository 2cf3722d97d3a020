package io.shoal.node.group;

import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.core.item.ItemSize;
import io.shoal.node.storage.DataKeys;
import io.shoal.node.storage.Space;
import io.shoal.node.storage.StorageEngine;
import io.shoal.node.storage.StorageException;
import io.shoal.proto.ItemVersion;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts a group's items and their DynamoDB sizes per table, for DescribeTable's ItemCount and TableSizeBytes.
 *
 * <p>A read at the edge, not a Raft command: it runs on whichever replica leads the group, over its local store,
 * outside the state machine's lock so applies are not held up by a long scan. The totals are therefore approximate
 * under concurrent writes, which DynamoDB's own (six-hourly) figures are too.
 */
public final class TableTotalsScan {
  /** Items and bytes of one table in one group. */
  public record Totals(long items, long bytes) {}

  private TableTotalsScan() {}

  /** Totals for each of {@code tables} (the tables the group has seen writes for, minus dropped ones). */
  public static Map<Long, Totals> scan(GroupRange range, StorageEngine engine, Set<Long> tables) {
    Map<Long, Totals> out = new TreeMap<>();
    for (long t : tables) {
      long[] sums = new long[2];
      engine.scan(Space.ITEMS, DataKeys.itemRangeStart(t, range.start()), DataKeys.itemRangeEnd(t, range.end()),
          (k, v) -> {
            sums[0]++;
            sums[1] += ItemSize.of(parse(v).getItem());
            return true;
          });
      out.put(t, new Totals(sums[0], sums[1]));
    }
    return out;
  }

  private static ItemVersion parse(byte[] v) {
    try {
      return ItemVersion.parseFrom(v);
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("corrupt item version", e);
    }
  }
}
