package io.shoal.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashRangesTest {

  private static final BigInteger RING = BigInteger.ONE.shiftLeft(64);

  private static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 16, 1000})
  void evenSplitTilesTheRingWithNearEqualSizes(int n) {
    List<long[]> ranges = HashRanges.evenSplit(n);
    assertThat(ranges).hasSize(n);
    assertThat(ranges.get(0)[0]).isZero();
    assertThat(ranges.get(n - 1)[1]).isZero();
    BigInteger min = null;
    BigInteger max = null;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1]);
      }
      BigInteger end = ranges.get(i)[1] == 0 ? RING : unsigned(ranges.get(i)[1]);
      BigInteger size = end.subtract(unsigned(ranges.get(i)[0]));
      assertThat(size.signum()).isPositive();
      min = min == null ? size : min.min(size);
      max = max == null ? size : max.max(size);
    }
    assertThat(max.subtract(min)).isLessThanOrEqualTo(BigInteger.ONE);
  }

  @Test
  void twoWaySplitIsAtTheSignBit() {
    List<long[]> ranges = HashRanges.evenSplit(2);
    assertThat(ranges.get(0)).containsExactly(0L, Long.MIN_VALUE);
    assertThat(ranges.get(1)).containsExactly(Long.MIN_VALUE, 0L);
  }

  @Test
  void containsUsesUnsignedBoundsAndEndZeroMeansTwoToThe64() {
    long mid = Long.MIN_VALUE; // 2^63 unsigned
    assertThat(HashRanges.contains(0, mid, 0)).isTrue();
    assertThat(HashRanges.contains(0, mid, Long.MAX_VALUE)).isTrue();
    assertThat(HashRanges.contains(0, mid, mid)).isFalse();
    assertThat(HashRanges.contains(0, mid, -1L)).isFalse();
    assertThat(HashRanges.contains(mid, 0, mid)).isTrue();
    assertThat(HashRanges.contains(mid, 0, -1L)).isTrue();
    assertThat(HashRanges.contains(mid, 0, Long.MAX_VALUE)).isFalse();
    assertThat(HashRanges.contains(0, 0, -1L)).isTrue();
    assertThat(HashRanges.contains(0, 0, 0)).isTrue();
    assertThat(HashRanges.contains(-16L, -1L, -2L)).isTrue();
    assertThat(HashRanges.contains(-16L, -1L, -1L)).isFalse();
    assertThat(HashRanges.contains(-16L, -1L, -17L)).isFalse();
  }

  @Test
  void rejectsNonPositiveCounts() {
    assertThatThrownBy(() -> HashRanges.evenSplit(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
