package io.shoal.benchmarks.key;

import io.shoal.benchmarks.SampleItems;
import io.shoal.core.index.IndexKeys;
import io.shoal.core.key.KeyCodec;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
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
 * Secondary-index key encoding ({@code IndexKeys}): a write to a table with a GSI derives the base item key and
 * the entry key (index partition key, escaped index sort key, base key); a Query on the index turns its sort-key
 * condition into byte bounds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IndexKeysBenchmark {
  static final int ITEMS = 256;

  /** GSI on email (S) with sort key balance (N): a decimal sort key exercises the number encoding and escaping. */
  public IndexInfo index;
  public IndexKeys.TableKeys tableKeys;
  public Item[] items;
  public byte[][] baseKeys;
  public byte[][] lowerSortKeys;
  public byte[][] upperSortKeys;
  public int next;

  @Setup
  public void setup() {
    index = IndexInfo.newBuilder().setName("byEmail").setId(SampleItems.TABLE_ID + 1).setKind(IndexInfo.Kind.GLOBAL)
        .setHashKey(KeyAttribute.newBuilder().setName("email").setType(ScalarType.S))
        .setRangeKey(KeyAttribute.newBuilder().setName("balance").setType(ScalarType.N))
        .setProjectionType(IndexInfo.ProjectionType.ALL).build();
    tableKeys = new IndexKeys.TableKeys(SampleItems.TABLE.getHashKey(), SampleItems.TABLE.getRangeKey());
    items = new Item[ITEMS];
    baseKeys = new byte[ITEMS][];
    lowerSortKeys = new byte[ITEMS][];
    upperSortKeys = new byte[ITEMS][];
    for (int i = 0; i < ITEMS; i++) {
      items[i] = SampleItems.item(i);
      baseKeys[i] = IndexKeys.baseItemKey(tableKeys, items[i]);
      lowerSortKeys[i] = KeyCodec.sortKeyBytes(ScalarType.N, SampleItems.n(Integer.toString(i)));
      upperSortKeys[i] = KeyCodec.sortKeyBytes(ScalarType.N, SampleItems.n((i + 1) + "000.5"));
    }
  }

  /** The base table key of an item (what a write to an indexed table derives first). */
  @Benchmark
  public byte[] baseItemKey() {
    return IndexKeys.baseItemKey(tableKeys, items[next++ & (ITEMS - 1)]);
  }

  /** The GSI entry key of an item, given its base key. */
  @Benchmark
  public byte[] entryKey() {
    int i = next++ & (ITEMS - 1);
    return IndexKeys.entryKey(index, items[i], baseKeys[i]);
  }

  /** A Query's {@code balance BETWEEN :a AND :b} on the index as a byte range. */
  @Benchmark
  public IndexKeys.Bounds sortBoundsBetween() {
    int i = next++ & (ITEMS - 1);
    return IndexKeys.sortBounds(IndexKeys.Op.BETWEEN, lowerSortKeys[i], upperSortKeys[i]);
  }
}
