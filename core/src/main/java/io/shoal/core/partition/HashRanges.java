package io.shoal.core.partition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranges {@code [start, end)} over the unsigned 64-bit hash space, encoded as in
 * {@code GroupInfo.hash_start/hash_end}: {@code end == 0} means 2^64, so the last range of the ring
 * can be written without a 65th bit. A range with start 0 and end 0 is the whole ring.
 */
public final class HashRanges {

  private static final BigInteger RING = BigInteger.ONE.shiftLeft(64);

  private HashRanges() {}

  /**
   * Splits the ring into {@code n} contiguous ranges of equal size (within one hash value), in ring
   * order. Each element is {@code {start, end}}.
   */
  public static List<long[]> evenSplit(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one range, got " + n);
    }
    List<long[]> ranges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // BigInteger keeps i * 2^64 / n exact; longValue() wraps 2^64 to 0, which is the encoding we want.
      long start = boundary(i, n);
      long end = boundary(i + 1, n);
      ranges.add(new long[] {start, end});
    }
    return List.copyOf(ranges);
  }

  /** Whether {@code hash} lies in {@code [start, end)}, all unsigned, end 0 meaning 2^64. */
  public static boolean contains(long start, long end, long hash) {
    return Long.compareUnsigned(hash, start) >= 0
        && (end == 0 || Long.compareUnsigned(hash, end) < 0);
  }

  private static long boundary(int i, int n) {
    return RING.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)).longValue();
  }
}
