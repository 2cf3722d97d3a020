package io.shoal.admin.bench.report;

import io.shoal.admin.format.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report: settings, preloads, then a table per client count with the ceiling beside each op. */
public final class TextReport {
  private TextReport() {}

  public static String render(BenchReport r) {
    StringBuilder out = new StringBuilder();
    out.append("shoal bench ").append(r.workload()).append(": ").append(r.endpoint());
    if (r.compareMode()) {
      out.append(" (A) vs ").append(r.compareEndpoint()).append(" (B)");
    }
    out.append('\n');
    StringBuilder settings = new StringBuilder();
    r.settings().forEach((k, v) -> settings.append(settings.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    out.append("  ").append(settings).append('\n');
    for (PreloadResult p : r.preloads()) {
      out.append(String.format(Locale.ROOT, "preload %s %s: %s items in %.1f s (%s items/s), %d batches re-sent, "
          + "%d failed (not part of the results)%n", p.target(), p.table(), Fmt.count(p.items()), p.seconds(),
          Fmt.count(p.itemsPerSecond()), p.retriedBatches(), p.failedBatches()));
    }
    for (BenchReport.Point p : r.points()) {
      out.append('\n');
      if (r.compareMode()) {
        compare(out, r, p);
      } else {
        for (RunResult run : p.runs()) {
          single(out, p, run);
        }
      }
    }
    return out.toString();
  }

  private static void single(StringBuilder out, BenchReport.Point p, RunResult run) {
    out.append(String.format(Locale.ROOT, "%d clients, %.1f s measured%n", p.clients(), run.seconds()));
    TextTable t = TextTable.numeric("op", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms", "cond-failed",
        "errors", "");
    for (OpResult o : run.ops()) {
      List<String> notes = new ArrayList<>(extras(o));
      ceiling(p, o.op(), o.throughput()).ifPresent(notes::add);
      t.row(o.op(), Fmt.count(o.ops()), Fmt.count(o.throughput()), Fmt.ms(o.p50Ms()), Fmt.ms(o.p95Ms()),
          Fmt.ms(o.p99Ms()), Fmt.ms(o.p999Ms()), Fmt.ms(o.maxMs()), Fmt.count(o.conditionFailed()),
          Fmt.count(o.errors()), String.join("; ", notes));
    }
    out.append(t.render("  "));
    errors(out, run);
  }

  private static void compare(StringBuilder out, BenchReport r, BenchReport.Point p) {
    List<RunResult> a = p.runsOf("A");
    out.append(String.format(Locale.ROOT, "%d clients: %d rounds each of A = %s and B = %s, alternating%n",
        p.clients(), a.size(), r.endpoint(), r.compareEndpoint()));
    TextTable rounds = TextTable.numeric("round", "target", "op", "ops/s", "p99 ms", "errors");
    for (RunResult run : p.runs()) {
      for (OpResult o : run.ops()) {
        rounds.row(Integer.toString(run.round()), run.target(), o.op(), Fmt.count(o.throughput()), Fmt.ms(o.p99Ms()),
            Fmt.count(o.errors() + run.connectionErrors().values().stream().mapToLong(Long::longValue).sum()));
      }
    }
    out.append(rounds.render("  "));
    TextTable t = TextTable.numeric("op", "A ops/s", "A p99 ms", "B ops/s", "B p99 ms", "A/B ops/s", "B/A p99", "");
    for (Comparison c : p.comparison()) {
      String note = "medians of rounds" + ceiling(p, c.op(), c.aThroughput()).map(s -> "; " + s + " (A)").orElse("");
      t.row(c.op(), Fmt.count(c.aThroughput()), Fmt.ms(c.aP99Ms()), Fmt.count(c.bThroughput()), Fmt.ms(c.bP99Ms()),
          Fmt.ratio(c.throughputRatio()), Fmt.ratio(c.p99Ratio()), note);
    }
    out.append(t.render("  "));
    for (RunResult run : p.runs()) {
      if (run.totalErrors() > 0) {
        out.append("  round ").append(run.round()).append(' ').append(run.target()).append(":\n");
        errors(out, run);
      }
    }
  }

  private static List<String> extras(OpResult o) {
    List<String> notes = new ArrayList<>();
    o.avgItems().ifPresent(v -> notes.add(String.format(Locale.ROOT, "avg items %.1f", v)));
    o.unprocessedItems().ifPresent(v -> notes.add("unprocessed items " + Fmt.count(v)));
    return notes;
  }

  /** "generator ceiling 41,000 ops/s = 9.5x this result", when a ceiling was measured. */
  static java.util.Optional<String> ceiling(BenchReport.Point p, String op, double throughput) {
    if (p.ceiling() == null) {
      return java.util.Optional.empty();
    }
    return p.ceiling().op(op).map(c -> "generator ceiling " + Fmt.count(c.throughput()) + " ops/s"
        + (throughput > 0 ? " = " + String.format(Locale.ROOT, "%.1fx", c.throughput() / throughput) + " this result"
            : ""));
  }

  private static void errors(StringBuilder out, RunResult run) {
    for (OpResult o : run.ops()) {
      errorLines(out, o.op(), o.errorsByType(), o.errorSamples());
    }
    errorLines(out, "connections", run.connectionErrors(), run.connectionErrorSamples());
  }

  private static void errorLines(StringBuilder out, String what, Map<String, Long> counts, Map<String, String> samples) {
    counts.forEach((type, n) -> {
      out.append("  errors ").append(what).append(": ").append(type).append(" x").append(Fmt.count(n));
      String sample = samples.get(type);
      if (sample != null && !sample.isEmpty()) {
        out.append(" (e.g. \"").append(sample).append("\")");
      }
      out.append('\n');
    });
  }
}
