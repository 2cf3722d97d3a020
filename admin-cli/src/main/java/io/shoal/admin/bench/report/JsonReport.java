package io.shoal.admin.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The report as one JSON document (for scripts and for docs/performance.md tables). Field names are snake_case;
 * a value that was not measured (a percentile of an empty window, a ratio over zero) is null, never NaN.
 */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReport() {}

  public static String render(BenchReport r) {
    return tree(r).toString();
  }

  public static ObjectNode tree(BenchReport r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("workload", r.workload()).put("endpoint", r.endpoint());
    if (r.compareMode()) {
      o.put("compare", r.compareEndpoint());
    }
    ObjectNode settings = o.putObject("settings");
    r.settings().forEach((k, v) -> settings.set(k, JSON.valueToTree(v)));
    ArrayNode preloads = o.putArray("preload");
    for (PreloadResult p : r.preloads()) {
      preloads.addObject().put("target", p.target()).put("endpoint", p.endpoint()).put("table", p.table())
          .put("items", p.items()).put("seconds", p.seconds()).put("items_per_s", p.itemsPerSecond())
          .put("retried_batches", p.retriedBatches()).put("failed_batches", p.failedBatches());
    }
    ArrayNode points = o.putArray("points");
    for (BenchReport.Point p : r.points()) {
      ObjectNode n = points.addObject().put("clients", p.clients());
      if (p.ceiling() != null) {
        n.set("ceiling", run(p.ceiling()));
      } else {
        n.putNull("ceiling");
      }
      ArrayNode runs = n.putArray("runs");
      p.runs().forEach(run -> runs.add(run(run)));
      if (r.compareMode()) {
        ArrayNode cmp = n.putArray("comparison");
        for (Comparison c : p.comparison()) {
          ObjectNode e = cmp.addObject().put("op", c.op());
          num(e, "a_ops_per_s_median", c.aThroughput());
          num(e, "a_p99_ms_median", c.aP99Ms());
          num(e, "b_ops_per_s_median", c.bThroughput());
          num(e, "b_p99_ms_median", c.bP99Ms());
          num(e, "ops_per_s_ratio_a_over_b", c.throughputRatio());
          num(e, "p99_ratio_b_over_a", c.p99Ratio());
        }
      }
    }
    o.put("errors", r.totalErrors());
    return o;
  }

  static ObjectNode run(RunResult r) {
    ObjectNode o = JSON.createObjectNode().put("target", r.target()).put("round", r.round())
        .put("clients", r.clients()).put("seconds", r.seconds());
    ObjectNode ops = o.putObject("ops");
    for (OpResult op : r.ops()) {
      ObjectNode e = ops.putObject(op.op()).put("ops", op.ops());
      num(e, "ops_per_s", op.throughput());
      ObjectNode lat = e.putObject("latency_ms");
      num(lat, "p50", op.p50Ms());
      num(lat, "p95", op.p95Ms());
      num(lat, "p99", op.p99Ms());
      num(lat, "p99_9", op.p999Ms());
      num(lat, "max", op.maxMs());
      e.put("condition_failed", op.conditionFailed()).put("errors", op.errors());
      e.set("errors_by_type", counts(op.errorsByType()));
      e.set("error_samples", JSON.valueToTree(op.errorSamples()));
      op.avgItems().ifPresent(v -> e.put("avg_items", v));
      op.unprocessedItems().ifPresent(v -> e.put("unprocessed_items", v));
    }
    o.set("connection_errors", counts(r.connectionErrors()));
    o.put("errors", r.totalErrors());
    return o;
  }

  private static ObjectNode counts(Map<String, Long> m) {
    ObjectNode o = JSON.createObjectNode();
    new java.util.TreeMap<>(m).forEach(o::put);
    return o;
  }

  private static void num(ObjectNode o, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(field);
    } else {
      o.put(field, v);
    }
  }
}
