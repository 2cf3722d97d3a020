package io.shoal.admin.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReportTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static OpResult put(long ops, double seconds, double p99, Map<String, Long> errors) {
    return new OpResult("PutItem", ops, seconds, 1.0, 2.0, p99, 9.0, 12.5, 3, errors,
        errors.isEmpty() ? Map.of() : Map.of(errors.keySet().iterator().next(), "slow down"), OptionalDouble.empty(),
        OptionalLong.empty());
  }

  static RunResult run(String target, int round, OpResult... ops) {
    return new RunResult(target, round, 16, ops[0].seconds(), List.of(ops), Map.of(), Map.of());
  }

  static BenchReport single(RunResult ceiling, RunResult run) {
    return new BenchReport("put", "http://127.0.0.1:8000", null, Map.of("table", "bench_kv"), List.of(),
        List.of(new BenchReport.Point(16, ceiling, List.of(run))));
  }

  @Test
  void throughputIsOpsOverMeasuredSeconds() {
    assertThat(put(86_420, 20.0, 7.9, Map.of()).throughput()).isEqualTo(4321.0);
    assertThat(put(0, 0, 7.9, Map.of()).throughput()).isZero();
    assertThat(put(5, 1, 1, Map.of("HTTP 500", 2L, "timeout", 1L)).errors()).isEqualTo(3);
  }

  @Test
  void theTextShowsEachOpWithTheCeilingBesideIt() {
    RunResult ceiling = run("stub", 0, put(205_000, 5.0, 1.0, Map.of()));
    RunResult r = run("http://127.0.0.1:8000", 0,
        put(86_420, 20.0, 7.9, Map.of("ProvisionedThroughputExceededException (400)", 4L)));
    String text = TextReport.render(single(ceiling, r));
    assertThat(text).contains("shoal bench put: http://127.0.0.1:8000", "16 clients, 20.0 s measured",
        "generator ceiling 41,000 ops/s = 9.5x this result",
        "errors PutItem: ProvisionedThroughputExceededException (400) x4 (e.g. \"slow down\")");
    String row = text.lines().filter(l -> l.trim().startsWith("PutItem")).findFirst().orElseThrow();
    assertThat(row.trim().split("\\s+")).startsWith("PutItem", "86,420", "4,321", "1.00", "2.00", "7.90", "9.00",
        "12.5", "3", "4");
  }

  @Test
  void theJsonCarriesEveryNumberAndNullForWhatWasNotMeasured() throws Exception {
    OpResult empty = new OpResult("Query", 0, 1.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
        Map.of("HTTP 500", 7L), Map.of(), OptionalDouble.of(0), OptionalLong.empty());
    RunResult r = new RunResult("http://127.0.0.1:8000", 0, 16, 1.0, List.of(empty), Map.of("connect failed", 2L),
        Map.of());
    JsonNode j = JSON.readTree(JsonReport.render(single(null, r)));
    assertThat(j.get("workload").asText()).isEqualTo("put");
    assertThat(j.at("/points/0/ceiling").isNull()).isTrue();
    JsonNode q = j.at("/points/0/runs/0/ops/Query");
    assertThat(q.get("ops").asLong()).isZero();
    assertThat(q.at("/latency_ms/p99").isNull()).isTrue();
    assertThat(q.at("/errors_by_type/HTTP 500").asLong()).isEqualTo(7);
    assertThat(q.get("avg_items").asDouble()).isZero();
    assertThat(j.at("/points/0/runs/0/connection_errors/connect failed").asLong()).isEqualTo(2);
    assertThat(j.get("errors").asLong()).isEqualTo(9);

    RunResult ok = run("http://127.0.0.1:8000", 0, put(1000, 2.0, 3.5, Map.of()));
    JsonNode k = JSON.readTree(JsonReport.render(single(run("stub", 0, put(5000, 1.0, 1, Map.of())), ok)));
    assertThat(k.at("/points/0/runs/0/ops/PutItem/ops_per_s").asDouble()).isEqualTo(500.0);
    assertThat(k.at("/points/0/runs/0/ops/PutItem/latency_ms/p99").asDouble()).isEqualTo(3.5);
    assertThat(k.at("/points/0/runs/0/ops/PutItem/condition_failed").asLong()).isEqualTo(3);
    assertThat(k.at("/points/0/ceiling/ops/PutItem/ops_per_s").asDouble()).isEqualTo(5000.0);
    assertThat(k.at("/points/0/runs/0/ops/PutItem").has("avg_items")).isFalse();
  }

  @Test
  void compareTakesMediansOfRoundsAndOrientsRatiosSoAboveOneFavoursA() {
    List<RunResult> a = List.of(run("A", 1, put(1000, 1, 4.0, Map.of())), run("A", 2, put(3000, 1, 2.0, Map.of())),
        run("A", 3, put(2000, 1, 9.0, Map.of())));
    List<RunResult> b = List.of(run("B", 1, put(1000, 1, 8.0, Map.of())), run("B", 2, put(500, 1, 6.0, Map.of())),
        run("B", 3, put(900, 1, 7.0, Map.of())));
    Comparison c = Comparison.of(a, b).get(0);
    assertThat(c.aThroughput()).isEqualTo(2000);
    assertThat(c.aP99Ms()).isEqualTo(4.0);
    assertThat(c.bThroughput()).isEqualTo(900);
    assertThat(c.bP99Ms()).isEqualTo(7.0);
    assertThat(c.throughputRatio()).isCloseTo(2000 / 900.0, within(1e-9));
    assertThat(c.p99Ratio()).isCloseTo(7.0 / 4.0, within(1e-9));
    assertThat(Comparison.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Comparison.median(List.of())).isNaN();
  }

  @Test
  void compareModeReportsEveryRoundAndTheRatios() throws Exception {
    List<RunResult> runs = List.of(run("A", 1, put(1000, 1, 4.0, Map.of())), run("B", 1, put(500, 1, 8.0, Map.of())),
        run("A", 2, put(1000, 1, 4.0, Map.of())), run("B", 2, put(500, 1, 8.0, Map.of())));
    BenchReport r = new BenchReport("put", "http://127.0.0.1:8000", "http://127.0.0.1:8001", Map.of(), List.of(),
        List.of(new BenchReport.Point(16, null, runs)));
    String text = TextReport.render(r);
    assertThat(text).contains("(A) vs http://127.0.0.1:8001 (B)", "2 rounds each");
    String row = text.lines().filter(l -> l.trim().startsWith("PutItem") && l.contains("medians")).findFirst()
        .orElseThrow();
    assertThat(row.trim().split("\\s+")).startsWith("PutItem", "1,000", "4.00", "500", "8.00", "2.00x", "2.00x");
    JsonNode j = JSON.readTree(JsonReport.render(r));
    assertThat(j.at("/points/0/runs")).hasSize(4);
    assertThat(j.at("/points/0/runs/3/target").asText()).isEqualTo("B");
    assertThat(j.at("/points/0/runs/3/round").asInt()).isEqualTo(2);
    assertThat(j.at("/points/0/comparison/0/ops_per_s_ratio_a_over_b").asDouble()).isEqualTo(2.0);
    assertThat(j.at("/points/0/comparison/0/p99_ratio_b_over_a").asDouble()).isEqualTo(2.0);
  }

  @Test
  void theProgressLineReadsLikeTheIssueAsksFor() {
    assertThat(ProgressLine.format("put 16 clients", false, 12.2, 4321.4, 3.21, 0))
        .isEqualTo("[put 16 clients] 12s  4,321 ops/s  p99 3.21 ms  errors 0");
    assertThat(ProgressLine.format("put 16 clients", true, 2, 10, Double.NaN, 1))
        .isEqualTo("[put 16 clients] warmup 2s  10 ops/s  p99 - ms  errors 1");
  }
}
