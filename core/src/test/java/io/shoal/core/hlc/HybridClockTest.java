package io.shoal.core.hlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridClockTest {

  @Test
  void followsTheWallClockWhenItMovesForward() {
    AtomicLong wall = new AtomicLong(1_000);
    HybridClock clock = new HybridClock(wall::get);
    long a = clock.now();
    assertThat(HybridClock.physicalMillis(a)).isEqualTo(1_000);
    assertThat(HybridClock.logical(a)).isZero();
    long b = clock.now();
    assertThat(b).isEqualTo(HybridClock.of(1_000, 1));
    wall.set(1_005);
    assertThat(clock.now()).isEqualTo(HybridClock.of(1_005, 0));
  }

  @Test
  void staysStrictlyMonotonicWhenTheWallClockGoesBackward() {
    long[] script = {5_000, 5_000, 4_000, 4_999, 3_000, 5_000, 5_001, 2_000, 5_001};
    int[] step = {0};
    HybridClock clock = new HybridClock(() -> script[Math.min(step[0]++, script.length - 1)]);
    long prev = Long.MIN_VALUE;
    for (int i = 0; i < script.length; i++) {
      long t = clock.now();
      assertThat(t).as("tick %d", i).isGreaterThan(prev);
      prev = t;
    }
    // The backward steps reused the 5000 ms physical time with growing logical counters.
    assertThat(HybridClock.physicalMillis(prev)).isEqualTo(5_001);
    assertThat(HybridClock.logical(prev)).isEqualTo(2);
  }

  @Test
  void observeMovesPastARemoteTimestamp() {
    HybridClock clock = new HybridClock(() -> 1_000);
    long remote = HybridClock.of(9_000, 7);
    clock.observe(remote);
    long t = clock.now();
    assertThat(t).isGreaterThan(remote);
    assertThat(t).isEqualTo(HybridClock.of(9_000, 8));
    // An older remote timestamp changes nothing.
    clock.observe(HybridClock.of(10, 0));
    assertThat(clock.now()).isEqualTo(HybridClock.of(9_000, 9));
  }

  @Test
  void logicalOverflowCarriesIntoPhysicalInsteadOfRepeating() {
    HybridClock clock = new HybridClock(() -> 50);
    clock.observe(HybridClock.of(50, 0xFFFF));
    long t = clock.now();
    assertThat(HybridClock.physicalMillis(t)).isEqualTo(51);
    assertThat(HybridClock.logical(t)).isZero();
  }

  @Test
  void concurrentCallersNeverSeeTheSameValue() throws InterruptedException {
    HybridClock clock = new HybridClock(() -> 42);
    ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      threads.add(new Thread(() -> {
        for (int j = 0; j < 5_000; j++) {
          seen.add(clock.now());
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    Set<Long> unique = new HashSet<>(seen);
    assertThat(unique).hasSize(20_000);
  }

  @Test
  void acceptsAnInstantSource() {
    HybridClock clock = new HybridClock(java.time.InstantSource.fixed(java.time.Instant.ofEpochMilli(77)));
    assertThat(HybridClock.physicalMillis(clock.now())).isEqualTo(77);
  }
}
