package io.shoal.admin.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyChooserTest {
  static final int N = 10_000;
  static final int DRAWS = 200_000;

  static long[] histogram(KeyChooser k) {
    long[] h = new long[N];
    for (int i = 0; i < DRAWS; i++) {
      long key = k.next();
      assertThat(key).isBetween(0L, N - 1L);
      h[(int) key]++;
    }
    return h;
  }

  /** Share of all draws that went to the {@code top} most drawn keys. */
  static double topShare(long[] h, int top) {
    long[] sorted = h.clone();
    Arrays.sort(sorted);
    long sum = 0;
    for (int i = 0; i < top; i++) {
      sum += sorted[sorted.length - 1 - i];
    }
    return (double) sum / DRAWS;
  }

  @Test
  void zipfianPutsMostLoadOnAFewKeys() {
    long[] h = histogram(KeyChooser.zipfian(N, new SplittableRandom(7)));
    // theta 0.99 over 10,000 keys: the hottest key gets about 1/H(10000, 0.99) ~ 9.6% of the draws, the top 100
    // about half; uniform would give them 0.01% and 1%.
    assertThat(h[0] / (double) DRAWS).isBetween(0.08, 0.12);
    assertThat(topShare(h, 100)).isBetween(0.45, 0.60);
    assertThat(h[0]).isGreaterThan(h[1]).isGreaterThan(h[10]);
  }

  @Test
  void uniformSpreadsLoadEvenly() {
    long[] h = histogram(KeyChooser.uniform(N, new SplittableRandom(7)));
    assertThat(topShare(h, 100)).isLessThan(0.02); // 1% expected, some noise at the top
    assertThat(Arrays.stream(h).filter(c -> c == 0).count()).isLessThan(50); // e^-20 * 10000 ~ 0 expected empty
  }

  @Test
  void theSameSeedGivesTheSameKeys() {
    KeyChooser a = KeyChooser.zipfian(N, new SplittableRandom(3));
    KeyChooser b = KeyChooser.zipfian(N, new SplittableRandom(3));
    for (int i = 0; i < 1000; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }
}
