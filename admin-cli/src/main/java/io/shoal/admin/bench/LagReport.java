package io.shoal.admin.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.drill.DynamoHttp;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What {@code shoal bench gsi-lag} found: how long after a write was acknowledged its GSI entry became visible to
 * a Query on the index (median, p99, max), at what write rate.
 */
public final class LagReport {
  private final Histogram lagMicros = new Histogram(60_000_000L, 3);
  private long writes;
  private long writeErrors;
  private long neverSeen;
  private double seconds;

  public synchronized void write(boolean ok) {
    if (ok) {
      writes++;
    } else {
      writeErrors++;
    }
  }

  public synchronized void visibleAfter(long micros) {
    lagMicros.recordValue(Math.max(0, Math.min(micros, lagMicros.getHighestTrackableValue())));
  }

  /** A sampled write whose entry did not show up within the poll budget. */
  public synchronized void neverSeen() {
    neverSeen++;
  }

  public synchronized void elapsed(double secs) {
    seconds = secs;
  }

  public synchronized long samples() {
    return lagMicros.getTotalCount();
  }

  public synchronized double percentileSeconds(double p) {
    return lagMicros.getTotalCount() == 0 ? Double.NaN : lagMicros.getValueAtPercentile(p) / 1e6;
  }

  public synchronized String text() {
    return String.format(Locale.ROOT, "gsi-lag: %d writes in %.1f s (%.0f/s), %d write errors; %d sampled writes: "
        + "GSI visibility lag median %.3f s, p99 %.3f s, max %.3f s; %d never seen within the poll budget",
        writes, seconds, seconds > 0 ? writes / seconds : 0.0, writeErrors, samples(), percentileSeconds(50),
        percentileSeconds(99), lagMicros.getTotalCount() == 0 ? Double.NaN : lagMicros.getMaxValue() / 1e6,
        neverSeen);
  }

  public synchronized String json() {
    ObjectNode o = DynamoHttp.JSON.createObjectNode();
    o.put("workload", "gsi-lag").put("writes", writes).put("write_errors", writeErrors)
        .put("seconds", seconds).put("samples", samples()).put("lag_p50_s", percentileSeconds(50))
        .put("lag_p99_s", percentileSeconds(99))
        .put("lag_max_s", lagMicros.getTotalCount() == 0 ? Double.NaN : lagMicros.getMaxValue() / 1e6)
        .put("never_seen", neverSeen);
    return o.toString();
  }
}
