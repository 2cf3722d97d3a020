package io.shoal.admin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagReportTest {
  @Test
  void reportsPercentilesOfTheRecordedLags() {
    LagReport r = new LagReport();
    for (int i = 1; i <= 100; i++) {
      r.visibleAfter(i * 1000L); // 1 ms .. 100 ms
      r.write(true);
    }
    r.write(false);
    r.neverSeen();
    r.elapsed(2.0);
    assertThat(r.percentileSeconds(50)).isBetween(0.0499, 0.0501);
    assertThat(r.percentileSeconds(99)).isBetween(0.0989, 0.0991);
    assertThat(r.text()).isEqualTo("gsi-lag: 100 writes in 2.0 s (50/s), 1 write errors; 100 sampled writes: GSI "
        + "visibility lag median 0.050 s, p99 0.099 s, max 0.100 s; 1 never seen within the poll budget");
    assertThat(r.json()).contains("\"lag_p50_s\":0.05", "\"never_seen\":1", "\"samples\":100");
  }

  @Test
  void anEmptyRunHasNoPercentiles() {
    assertThat(new LagReport().percentileSeconds(50)).isNaN();
  }
}
