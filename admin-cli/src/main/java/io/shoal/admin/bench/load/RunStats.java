package io.shoal.admin.bench.load;

import io.shoal.admin.bench.report.OpResult;
import io.shoal.admin.bench.report.RunResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The live statistics of one run and the controller's view of them. Connections call {@link #record} and
 * {@link #connectionError} from event loops; everything else runs on the controller thread, which alone swaps the
 * recorders' interval histograms: each second into the progress line, and, once measuring, into the totals.
 */
final class RunStats {
  private final List<OpKind> reported;
  private final EnumMap<OpKind, OpStats> ops = new EnumMap<>(OpKind.class);
  private final OpStats connections = new OpStats();
  private final EnumMap<OpKind, Histogram> totals = new EnumMap<>(OpKind.class);
  private final Histogram sinceTick = OpStats.newTotal();
  private EnumMap<OpKind, Counts> atStart;
  private Counts connectionsAtStart = Counts.ZERO;
  private long measureStart;
  private long lastTickCompleted;

  RunStats(List<OpKind> reported) {
    this.reported = reported;
    for (OpKind k : OpKind.values()) {
      ops.put(k, new OpStats());
      totals.put(k, OpStats.newTotal());
    }
  }

  void record(OpKind op, Outcome o, long latencyNanos) {
    ops.get(op).record(o, latencyNanos);
  }

  void connectionError(String name, String message) {
    connections.error(name, message);
  }

  /** Controller: the measured window opens now; what was recorded before is warm-up. */
  void begin(long now) {
    drain(false);
    atStart = new EnumMap<>(OpKind.class);
    ops.forEach((k, s) -> atStart.put(k, s.counts()));
    connectionsAtStart = connections.counts();
    measureStart = now;
  }

  boolean measuring() {
    return atStart != null;
  }

  /** Controller: one progress tick; returns {completed since the last tick, p99 ms of the tick, errors so far}. */
  double[] tick() {
    drain(measuring());
    long completed = 0;
    long errors = connections.counts().errorTotal();
    for (OpStats s : ops.values()) {
      Counts c = s.counts();
      completed += c.completed();
      errors += c.errorTotal();
    }
    double p99 = sinceTick.getTotalCount() == 0 ? Double.NaN : sinceTick.getValueAtPercentile(99) / 1e6;
    sinceTick.reset();
    long delta = completed - lastTickCompleted;
    lastTickCompleted = completed;
    return new double[] {delta, p99, errors};
  }

  /** Controller: the window closes now; the result of [begin, now]. */
  RunResult end(long now, String target, int clients) {
    drain(true);
    double seconds = (now - measureStart) / 1e9;
    List<OpResult> results = new ArrayList<>();
    for (OpKind k : reported) {
      OpStats s = ops.get(k);
      Counts c = s.counts().minus(atStart.get(k));
      Histogram h = totals.get(k);
      boolean any = h.getTotalCount() > 0;
      Map<String, String> samples = new java.util.TreeMap<>(s.errorSamples);
      samples.keySet().retainAll(c.errors().keySet());
      results.add(new OpResult(k.operation(), c.completed(), seconds,
          any ? h.getValueAtPercentile(50) / 1e6 : Double.NaN, any ? h.getValueAtPercentile(95) / 1e6 : Double.NaN,
          any ? h.getValueAtPercentile(99) / 1e6 : Double.NaN, any ? h.getValueAtPercentile(99.9) / 1e6 : Double.NaN,
          any ? h.getMaxValue() / 1e6 : Double.NaN, c.conditionFailed(), c.errors(), samples,
          k == OpKind.QUERY ? OptionalDouble.of(c.ok() == 0 ? 0 : (double) c.items() / c.ok()) : OptionalDouble.empty(),
          k == OpKind.BATCH_WRITE_ITEM ? OptionalLong.of(c.unprocessed()) : OptionalLong.empty()));
    }
    Counts conn = connections.counts().minus(connectionsAtStart);
    Map<String, String> connSamples = new java.util.TreeMap<>(connections.errorSamples);
    connSamples.keySet().retainAll(conn.errors().keySet());
    return new RunResult(target, 0, clients, seconds, results, conn.errors(), connSamples);
  }

  private void drain(boolean intoTotals) {
    ops.forEach((k, s) -> {
      Histogram interval = s.latency.getIntervalHistogram();
      sinceTick.add(interval);
      if (intoTotals) {
        totals.get(k).add(interval);
      }
    });
  }
}
