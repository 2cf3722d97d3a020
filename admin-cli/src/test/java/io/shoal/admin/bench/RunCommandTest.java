package io.shoal.admin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.admin.ShoalCli;
import io.shoal.admin.bench.stub.StubResponses;
import io.shoal.admin.bench.stub.StubServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code shoal bench run} end to end through the command line, against stub endpoints. */
class RunCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static StubServer a;
  static StubServer b;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    a = StubServer.start(0, StubResponses.realistic(1024, 20, 1));
    b = StubServer.start(0, StubResponses.realistic(1024, 20, 1));
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
  }

  static Result shoal(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ShoalCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aCurveOfClientCountsWithTheCeilingBesideEachPoint() throws Exception {
    Result r = shoal("bench", "run", "--workload", "put", "--endpoint", a.url(), "--clients", "1,3",
        "--duration-secs", "2", "--warmup-secs", "0", "--ceiling-secs", "1", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("points")).hasSize(2);
    assertThat(j.at("/points/1/clients").asInt()).isEqualTo(3);
    for (JsonNode p : j.get("points")) {
      assertThat(p.at("/runs/0/ops/PutItem/ops").asLong()).isPositive();
      assertThat(p.at("/ceiling/ops/PutItem/ops_per_s").asDouble()).isPositive();
      assertThat(p.at("/runs/0/errors").asLong()).isZero();
    }
    assertThat(j.get("preload")).isEmpty(); // put needs no data
    assertThat(r.err()).contains("[put 1 clients] 1s", "[put 3 clients] 1s");
  }

  @Test
  void aFixedRateRunIsPacedAndSaysSoWhileItsCeilingRunsFlatOut() throws Exception {
    Result r = shoal("bench", "run", "--workload", "put", "--endpoint", a.url(), "--clients", "4", "--rate", "150",
        "--duration-secs", "2", "--warmup-secs", "0", "--ceiling-secs", "1", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.at("/settings/rate_per_sec").asDouble()).isEqualTo(150.0);
    assertThat(j.at("/points/0/runs/0/ops/PutItem/ops").asLong()).isBetween(100L, 310L);
    assertThat(j.at("/points/0/ceiling/ops/PutItem/ops_per_s").asDouble()).isGreaterThan(300.0);

    Result bad = shoal("bench", "run", "--workload", "put", "--endpoint", a.url(), "--rate", "-5");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--rate must be from 0 (closed loop) to 1000000 requests per second");
  }

  @Test
  void readWorkloadsPreloadFirstAndReportItApart() {
    Result r = shoal("bench", "run", "--workload", "query", "--endpoint", a.url(), "--clients", "2",
        "--duration-secs", "1", "--warmup-secs", "0", "--no-ceiling", "--records", "500");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("preload " + a.url() + " bench_query: 500 items in", "2 clients, ",
        "avg items 20.0").doesNotContain("generator ceiling");
    assertThat(r.err()).contains("preloading 500 items into bench_query");
  }

  @Test
  void compareAlternatesRoundsAndPrintsRatios() throws Exception {
    Result r = shoal("bench", "run", "--workload", "mix-b", "--endpoint", a.url(), "--compare", b.url(),
        "--rounds", "2", "--clients", "2", "--duration-secs", "1", "--warmup-secs", "0", "--no-ceiling",
        "--no-preload", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode p = JSON.readTree(r.out()).at("/points/0");
    assertThat(p.get("runs")).hasSize(4);
    assertThat(p.at("/runs/0/target").asText() + p.at("/runs/1/target").asText() + p.at("/runs/2/target").asText()
        + p.at("/runs/3/target").asText()).isEqualTo("ABAB");
    assertThat(p.get("comparison")).hasSize(2); // GetItem and PutItem
    for (JsonNode c : p.get("comparison")) {
      assertThat(c.get("ops_per_s_ratio_a_over_b").asDouble()).isPositive();
      assertThat(c.get("p99_ratio_b_over_a").asDouble()).isPositive();
    }
  }

  @Test
  void aFixedRateRunWarmsUpLongerUnlessToldOtherwise() {
    assertThat(RunCommand.warmupSecs(null, 0)).isEqualTo(3);
    assertThat(RunCommand.warmupSecs(null, 700)).isEqualTo(20);
    assertThat(RunCommand.warmupSecs(5, 700)).isEqualTo(5);
    assertThat(RunCommand.warmupSecs(0, 0)).isZero();
  }

  @Test
  void publicEndpointsAndOverlongRunsAreRefused() {
    Result pub = shoal("bench", "run", "--workload", "put", "--endpoint", "http://8.8.8.8:8000");
    assertThat(pub.code()).isEqualTo(1);
    assertThat(pub.err()).contains("refusing endpoint http://8.8.8.8:8000");
    Result pubB = shoal("bench", "run", "--workload", "put", "--endpoint", a.url(), "--compare",
        "http://1.1.1.1:8000");
    assertThat(pubB.code()).isEqualTo(1);
    assertThat(pubB.err()).contains("refusing endpoint http://1.1.1.1:8000");
    Result longRun = shoal("bench", "run", "--workload", "put", "--endpoint", a.url(), "--duration-secs", "601");
    assertThat(longRun.code()).isEqualTo(1);
    assertThat(longRun.err()).contains("--duration-secs must be from 1 to 600");
    Result nobody = shoal("bench", "run", "--workload", "put", "--endpoint", "http://127.0.0.1:1");
    assertThat(nobody.code()).isEqualTo(1);
    assertThat(nobody.err()).contains("endpoint http://127.0.0.1:1 does not answer DynamoDB requests (Connect");
    Result unknown = shoal("bench", "run", "--workload", "scan", "--endpoint", a.url());
    assertThat(unknown.err()).contains("unknown workload scan; one of put, get, get-zipf");
  }

  @Test
  void helpListsTheWorkloadsAndTheOtherSubcommandsStay() {
    assertThat(shoal("bench", "run", "--help").out()).contains("Workloads:", "cond-increment", "get-zipf",
        "--[no-]preload", "--compare=URL");
    assertThat(shoal("bench", "--help").out()).contains("run", "stub", "gsi-lag");
  }
}
