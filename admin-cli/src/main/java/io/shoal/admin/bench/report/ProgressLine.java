package io.shoal.admin.bench.report;

import java.util.Locale;

/** The once-a-second line on stderr: {@code [put 16 clients] 12s  4,321 ops/s  p99 3.2 ms  errors 0}. */
public final class ProgressLine {
  private ProgressLine() {}

  /**
   * @param warmup whether the line is from the unrecorded warm-up
   * @param seconds since the phase began
   */
  public static String format(String label, boolean warmup, double seconds, double opsPerSecond, double p99Ms,
      long errors) {
    return String.format(Locale.ROOT, "[%s] %s%ds  %s ops/s  p99 %s ms  errors %s", label, warmup ? "warmup " : "",
        Math.round(seconds), Fmt.count(opsPerSecond), Fmt.ms(p99Ms), Fmt.count(errors));
  }
}
