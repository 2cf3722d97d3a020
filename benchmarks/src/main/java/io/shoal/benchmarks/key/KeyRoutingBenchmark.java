package io.shoal.benchmarks.key;

import io.shoal.benchmarks.SampleItems;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.HashRanges;
import io.shoal.core.partition.PartitionHash;
import io.shoal.core.partition.PartitionRouter;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.Item;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.ScalarType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every item request pays to find its key and its group: the primary key's bytes (S partition key, N sort
 * key; {@code KeyCodec}), the partition hash ({@code PartitionHash}, murmur3 over table id and key) and the group
 * owning that hash ({@code PartitionRouter.groupFor}, 64 groups), the steps of {@code GrpcCluster.key} and
 * {@code GroupCaller}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyRoutingBenchmark {
  /** Keys cycled through (a power of two). */
  static final int KEYS = 1024;
  static final int GROUPS = 64;

  public AttributeValue[] partitionKeys;
  public AttributeValue[] sortKeys;
  public byte[][] partitionKeyBytes;
  public long[] hashes;
  public PartitionRouter router;
  public long tableId;
  public int next;

  @Setup
  public void setup() {
    partitionKeys = new AttributeValue[KEYS];
    sortKeys = new AttributeValue[KEYS];
    partitionKeyBytes = new byte[KEYS][];
    hashes = new long[KEYS];
    tableId = SampleItems.TABLE_ID;
    for (int i = 0; i < KEYS; i++) {
      Item item = SampleItems.item(i);
      partitionKeys[i] = item.getAttributesOrThrow(SampleItems.HASH_KEY);
      sortKeys[i] = item.getAttributesOrThrow(SampleItems.RANGE_KEY);
      partitionKeyBytes[i] = KeyCodec.partitionKeyBytes(ScalarType.S, partitionKeys[i]);
      hashes[i] = PartitionHash.hash(tableId, partitionKeyBytes[i]);
    }
    PartitionMap.Builder map = PartitionMap.newBuilder().setVersion(1);
    List<long[]> ranges = HashRanges.evenSplit(GROUPS);
    for (int g = 0; g < GROUPS; g++) {
      map.addGroups(GroupInfo.newBuilder().setId(g + 1).setHashStart(ranges.get(g)[0]).setHashEnd(ranges.get(g)[1]));
    }
    router = PartitionRouter.of(map.build());
  }

  /** The composite item key of an S partition key and an N sort key. */
  @Benchmark
  public byte[] itemKey() {
    int i = next++ & (KEYS - 1);
    byte[] pk = KeyCodec.partitionKeyBytes(ScalarType.S, partitionKeys[i]);
    byte[] sk = KeyCodec.sortKeyBytes(ScalarType.N, sortKeys[i]);
    return KeyCodec.itemKey(pk, sk);
  }

  /** An N sort key alone: parse to BigDecimal and the order-preserving encoding. */
  @Benchmark
  public byte[] numberSortKey() {
    return KeyCodec.sortKeyBytes(ScalarType.N, sortKeys[next++ & (KEYS - 1)]);
  }

  /** The partition hash of encoded partition key bytes. */
  @Benchmark
  public long partitionHash() {
    return PartitionHash.hash(tableId, partitionKeyBytes[next++ & (KEYS - 1)]);
  }

  /** The group owning a hash. */
  @Benchmark
  public GroupInfo groupFor() {
    return router.groupFor(hashes[next++ & (KEYS - 1)]);
  }

  /** Partition key value to group: encode, hash, look up. */
  @Benchmark
  public GroupInfo routeKey() {
    byte[] pk = KeyCodec.partitionKeyBytes(ScalarType.S, partitionKeys[next++ & (KEYS - 1)]);
    return router.groupFor(PartitionHash.hash(tableId, pk));
  }
}
