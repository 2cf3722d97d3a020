package io.shoal.admin.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void dueTimesAreSpacedByOneOverTheRateAcrossAllTakers() {
    Pacer p = new Pacer(1_000, 4_000); // one every 250 us
    assertThat(new long[] {p.nextDue(), p.nextDue(), p.nextDue(), p.nextDue()})
        .containsExactly(1_000, 251_000, 501_000, 751_000);
  }

  @Test
  void restartDropsTheBacklogOfTheWarmUp() {
    Pacer p = new Pacer(0, 1_000);
    for (int i = 0; i < 500; i++) {
      p.nextDue();
    }
    p.restart(3_000_000_000L);
    assertThat(p.nextDue()).isEqualTo(3_000_000_000L);
    assertThat(p.nextDue()).isEqualTo(3_001_000_000L);
  }

  @Test
  void onlyRequestsDueBeforeTheRestartBelongToTheWarmUp() {
    Pacer p = new Pacer(0, 1_000);
    assertThat(p.dueBeforeWindow(p.nextDue())).as("no window opened yet").isFalse();
    p.restart(5_000);
    assertThat(p.dueBeforeWindow(4_999)).isTrue();
    assertThat(p.dueBeforeWindow(p.nextDue())).isFalse();
  }
}
