package io.shoal.admin.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code shoal bench run} measured: the settings, the preloads, and per client count (a point of the
 * curve) the generator ceiling against the stub and the measured runs (one, or rounds of A and B in compare mode).
 * {@code compareEndpoint} is null outside compare mode.
 */
public record BenchReport(String workload, String endpoint, String compareEndpoint, Map<String, Object> settings,
    List<PreloadResult> preloads, List<Point> points) {

  public BenchReport {
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    preloads = List.copyOf(preloads);
    points = List.copyOf(points);
  }

  /** One client count: {@code ceiling} is null when the ceiling run was skipped. */
  public record Point(int clients, RunResult ceiling, List<RunResult> runs) {
    public Point {
      runs = List.copyOf(runs);
    }

    public List<RunResult> runsOf(String target) {
      return runs.stream().filter(r -> r.target().equals(target)).toList();
    }

    /** Medians of the rounds and their ratios, per op; empty outside compare mode. */
    public List<Comparison> comparison() {
      List<RunResult> a = runsOf("A");
      List<RunResult> b = runsOf("B");
      return a.isEmpty() || b.isEmpty() ? List.of() : Comparison.of(a, b);
    }
  }

  public boolean compareMode() {
    return compareEndpoint != null;
  }

  public long totalErrors() {
    return points.stream().flatMap(p -> p.runs().stream()).mapToLong(RunResult::totalErrors).sum();
  }
}
