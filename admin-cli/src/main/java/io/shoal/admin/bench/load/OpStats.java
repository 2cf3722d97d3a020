package io.shoal.admin.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Live counters and latencies of one op kind, written by the event-loop threads and read by the run's controller.
 * HdrHistogram's {@link Recorder} lets writers record wait-free while the controller swaps out an interval histogram
 * each second (for the progress line, and to leave the warm-up out of the results).
 */
final class OpStats {
  /** Latency in nanoseconds of every answered request that is not an error; auto-resizing, 3 significant digits. */
  final Recorder latency = new Recorder(3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder conditionFailed = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder unprocessed = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  /** The first message seen for each error name: one example is what a person needs to find the cause. */
  final Map<String, String> errorSamples = new ConcurrentHashMap<>();

  void record(Outcome o, long latencyNanos) {
    switch (o.kind()) {
      case OK -> {
        latency.recordValue(Math.max(1, latencyNanos));
        ok.increment();
        if (o.items() != 0) {
          items.add(o.items());
        }
        if (o.unprocessed() != 0) {
          unprocessed.add(o.unprocessed());
        }
      }
      case CONDITION_FAILED -> {
        latency.recordValue(Math.max(1, latencyNanos));
        conditionFailed.increment();
      }
      case ERROR -> error(o.error(), o.message());
    }
  }

  void error(String name, String message) {
    errors.computeIfAbsent(name, k -> new LongAdder()).increment();
    if (message != null && !message.isEmpty()) {
      errorSamples.putIfAbsent(name, message);
    }
  }

  Counts counts() {
    Map<String, Long> e = new TreeMap<>();
    errors.forEach((k, v) -> e.put(k, v.sum()));
    return new Counts(ok.sum(), conditionFailed.sum(), items.sum(), unprocessed.sum(), e);
  }

  /** A fresh histogram to add interval histograms into. */
  static Histogram newTotal() {
    Histogram h = new Histogram(3);
    h.setAutoResize(true);
    return h;
  }
}
