package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `shoal bench run` through the CLI against a real cluster (`shoal up` on non-standard ports, as in LocalDrillsIT):
 * every workload with 4 clients, 1 s of warm-up, then until 20 requests or 5 s (a short run when the cluster answers
 * quickly, time for a stalled one to recover on a loaded machine; mix-b 400 or 15 s), must complete requests of
 * every kind it sends without a single error;
 * and a compare run of the endpoint against itself must print its ratios. No performance number is asserted: this
 * machine is small and shared.
 */
class BenchIT {
  static final ObjectMapper JSON = new ObjectMapper();
  /**
   * get first: its preload's BatchWriteItems warm the fresh cluster before anything is measured, and the other
   * key-value workloads read what it wrote (same --records and --seed) instead of preloading again; query preloads its
   * own table.
   */
  static final List<String> WORKLOADS = List.of("get", "put", "get-zipf", "get-strong", "mix-a", "mix-b",
      "batch-write", "cond-increment", "query");
  static ShoalProcesses shoal;
  static String endpoint;

  @BeforeAll
  static void up() throws Exception {
    Path dir = Path.of("target", "it-bench").toAbsolutePath();
    LocalDrillsIT.deleteTree(dir);
    shoal = new ShoalProcesses(dir);
    int[] ports = LocalDrillsIT.freeLayout();
    endpoint = "http://127.0.0.1:" + ports[0];
    System.out.printf("[bench] router port %d, node port offset %d%n", ports[0], ports[1]);
    shoal.mustRun("up", "--groups", "6", "--port", Integer.toString(ports[0]),
        "--port-offset", Integer.toString(ports[1]),
        "--timeout", "180");
  }

  @AfterAll
  static void down() throws Exception {
    if (shoal != null) {
      shoal.cli("down");
    }
  }

  /** The JSON document among the output lines (progress lines on stderr start with '['). */
  static JsonNode json(ShoalProcesses.Result r) throws Exception {
    String doc = r.lines().stream().filter(l -> l.startsWith("{")).findFirst()
        .orElseThrow(() -> new AssertionError("no JSON document in:\n" + r.output()));
    return JSON.readTree(doc);
  }

  @Test
  void everyWorkloadRunsWithoutErrors() throws Exception {
    for (String w : WORKLOADS) {
      long t0 = System.nanoTime();
      boolean preload = w.equals("get") || w.equals("query");
      // mix-b writes 5% of its requests: 20 would hold no PutItem at all 36% of the time (0.95^20), 400 only
      // 1 in 800 million times, so the check below that every kind ran can only fail when one does not work.
      String ops = w.equals("mix-b") ? "400" : "20";
      String secs = w.equals("mix-b") ? "15" : "5";
      ShoalProcesses.Result r = shoal.runWithoutDataDir("bench", "run", "--workload", w, "--endpoint", endpoint,
          "--clients", "4", "--warmup-secs", "1", "--duration-secs", secs, "--ops", ops, "--no-ceiling",
          "--records", "500", preload ? "--preload" : "--no-preload", "--json");
      System.out.printf("[bench] %s took %.1f s%n", w, (System.nanoTime() - t0) / 1e9);
      assertThat(r.code()).as(w + ":\n" + r.output()).isZero();
      JsonNode run = json(r).at("/points/0/runs/0");
      assertThat(run.get("errors").asLong()).as(w + ":\n" + r.output()).isZero();
      for (Iterator<Map.Entry<String, JsonNode>> it = run.get("ops").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> op = it.next();
        assertThat(op.getValue().get("ops").asLong()).as(w + " " + op.getKey()).isPositive();
        if (op.getKey().equals("Query")) {
          assertThat(op.getValue().get("avg_items").asDouble()).as("items per Query").isBetween(1.0, 20.0);
        }
      }
    }
  }

  @Test
  void compareOfTheEndpointWithItselfPrintsRatios() throws Exception {
    ShoalProcesses.Result r = shoal.runWithoutDataDir("bench", "run", "--workload", "put", "--endpoint", endpoint,
        "--compare", endpoint, "--rounds", "2", "--clients", "4", "--warmup-secs", "0", "--duration-secs", "3",
        "--ops", "10", "--ceiling-secs", "1");
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).contains("A/B ops/s", "B/A p99", "generator ceiling");
    String row = r.lines().stream().filter(l -> l.trim().startsWith("PutItem") && l.contains("medians of rounds"))
        .findFirst().orElseThrow(() -> new AssertionError(r.output()));
    String[] cells = row.trim().split("\\s+");
    double throughputRatio = Double.parseDouble(cells[5].replace("x", ""));
    double p99Ratio = Double.parseDouble(cells[6].replace("x", ""));
    System.out.printf("[bench] same endpoint twice: A/B ops/s %.2f, B/A p99 %.2f%n", throughputRatio, p99Ratio);
    assertThat(throughputRatio).isPositive();
    assertThat(p99Ratio).isPositive();
  }
}
