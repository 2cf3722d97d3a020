package io.shoal.admin.bench.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How the query table's items fall into partitions: sizes drawn uniformly from 10 to 100 (the last one takes what
 * is left), sort keys 0..size-1. Derived from the record count and seed alone, so a run with {@code --no-preload}
 * queries the partitions an earlier preload with the same settings wrote.
 */
public final class QueryLayout {
  public static final int MIN_PARTITION = 10;
  public static final int MAX_PARTITION = 100;

  /** starts[p] is the first item of partition p; starts[partitions] is the item count. */
  private final int[] starts;

  private QueryLayout(int[] starts) {
    this.starts = starts;
  }

  public static QueryLayout of(int records, long seed) {
    if (records < 1) {
      throw new IllegalArgumentException("records must be positive, got " + records);
    }
    SplittableRandom r = new SplittableRandom(seed ^ 0x51A7E);
    int[] s = new int[records / MIN_PARTITION + 2];
    int n = 0;
    int at = 0;
    while (at < records) {
      s[n++] = at;
      at = Math.min(records, at + MIN_PARTITION + r.nextInt(MAX_PARTITION - MIN_PARTITION + 1));
    }
    s[n] = records;
    return new QueryLayout(Arrays.copyOf(s, n + 1));
  }

  public int partitions() {
    return starts.length - 1;
  }

  public int items() {
    return starts[starts.length - 1];
  }

  public int size(int partition) {
    return starts[partition + 1] - starts[partition];
  }

  public int partitionOf(int item) {
    int i = Arrays.binarySearch(starts, 0, starts.length - 1, item);
    return i >= 0 ? i : -i - 2;
  }

  public int sortKeyOf(int item) {
    return item - starts[partitionOf(item)];
  }
}
