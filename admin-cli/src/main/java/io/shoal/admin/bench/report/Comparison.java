package io.shoal.admin.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One op of a compare run: the median over rounds of A's and B's throughput and p99, and the ratios oriented so
 * that above 1 means A did better: A/B for throughput, B/A for p99. Medians because a 2-core shared machine has
 * outlier rounds, and alternating A and B spreads slow periods over both.
 */
public record Comparison(String op, double aThroughput, double aP99Ms, double bThroughput, double bP99Ms) {

  public double throughputRatio() {
    return aThroughput / bThroughput;
  }

  public double p99Ratio() {
    return bP99Ms / aP99Ms;
  }

  /** Per op of A's first round, in that order. */
  public static List<Comparison> of(List<RunResult> a, List<RunResult> b) {
    List<Comparison> out = new ArrayList<>();
    for (OpResult op : a.get(0).ops()) {
      String name = op.op();
      out.add(new Comparison(name, median(a, name, false), median(a, name, true), median(b, name, false),
          median(b, name, true)));
    }
    return out;
  }

  private static double median(List<RunResult> runs, String op, boolean p99) {
    List<Double> v = runs.stream().map(r -> r.op(op)).filter(Optional::isPresent).map(Optional::get)
        .map(o -> p99 ? o.p99Ms() : o.throughput()).filter(Objects::nonNull).filter(d -> !d.isNaN()).toList();
    return median(v);
  }

  /** The median; the mean of the middle two for an even count; NaN for none. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
