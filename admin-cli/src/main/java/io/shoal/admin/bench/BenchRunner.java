package io.shoal.admin.bench;

import io.shoal.admin.bench.load.Endpoint;
import io.shoal.admin.bench.load.EndpointGuard;
import io.shoal.admin.bench.load.LoadClient;
import io.shoal.admin.bench.load.LoadPlan;
import io.shoal.admin.bench.load.OpKind;
import io.shoal.admin.bench.report.BenchReport;
import io.shoal.admin.bench.report.PreloadResult;
import io.shoal.admin.bench.report.RunResult;
import io.shoal.admin.bench.stub.StubResponses;
import io.shoal.admin.bench.stub.StubServer;
import io.shoal.admin.bench.workload.Preload;
import io.shoal.admin.bench.workload.Sources;
import io.shoal.admin.bench.workload.Workload;
import io.shoal.admin.bench.workload.WorkloadSpec;
import io.shoal.admin.drill.DynamoHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code shoal bench run}: check the endpoints, make the table, preload (timed apart), then for each client
 * count a ceiling run against the in-process stub and the measured run(s): one, or in compare mode rounds that
 * alternate A, B, A, B so that the machine's slow moments fall on both.
 */
public final class BenchRunner {
  /**
   * Least warm-up of a ceiling run. The first ceiling run is also the JVM's first load, so it takes --warmup-secs
   * when that is longer: a fresh JVM on a busy 2-core machine needs seconds before C2 has compiled the hot path.
   */
  private static final Duration MIN_CEILING_WARMUP = Duration.ofSeconds(1);
  private static final Duration PRELOAD_LIMIT = Duration.ofSeconds(BenchSettings.MAX_SECONDS);

  private final BenchSettings s;
  private final Consumer<String> log;

  /** @param log where progress lines and notes go (stderr on the command line) */
  public BenchRunner(BenchSettings settings, Consumer<String> log) {
    settings.validate();
    this.s = settings;
    this.log = log;
  }

  public BenchReport run() throws Exception {
    Endpoint a = EndpointGuard.endpoint(s.endpoint());
    Endpoint b = s.compare() == null ? null : EndpointGuard.endpoint(s.compare());
    WorkloadSpec spec = s.spec();
    Workload w = s.workload();
    List<BenchReport.Point> points = new ArrayList<>();
    List<PreloadResult> preloads = new ArrayList<>();
    try (LoadClient client = new LoadClient(s.ioThreads())) {
      for (Endpoint e : b == null ? List.of(a) : List.of(a, b)) {
        Tables.ensure(new DynamoHttp(e.uri(), Duration.ofSeconds(10)), e.toString(), spec.table(), w.sorted(), log);
        if (s.preload() && w.needsData()) {
          preloads.add(preload(client, e, e == a ? (b == null ? e.toString() : "A") : "B"));
        }
      }
      try (StubServer stub = s.ceiling()
          ? StubServer.start(0, StubResponses.realistic(s.itemSize(), s.queryLimit(), s.seed())) : null) {
        Endpoint stubEndpoint = stub == null ? null : EndpointGuard.endpoint(stub.url());
        for (int clients : s.clients()) {
          String label = w.cliName() + " " + clients + " clients";
          RunResult ceiling = null;
          if (stub != null) {
            Duration warmup = Duration.ofSeconds(Math.max(MIN_CEILING_WARMUP.toSeconds(), s.warmupSecs()));
            ceiling = client.run(plan(label + " ceiling", stubEndpoint, clients, warmup,
                Duration.ofSeconds(s.ceilingSecs()), 0), log).as("stub", 0);
          }
          List<RunResult> runs = new ArrayList<>();
          if (b == null) {
            runs.add(measured(client, label, a, clients).as(a.toString(), 0));
          } else {
            for (int round = 1; round <= s.rounds(); round++) {
              runs.add(measured(client, label + " A round " + round, a, clients).as("A", round));
              runs.add(measured(client, label + " B round " + round, b, clients).as("B", round));
            }
          }
          points.add(new BenchReport.Point(clients, ceiling, runs));
        }
      }
    }
    return new BenchReport(w.cliName(), a.toString(), b == null ? null : b.toString(), s.describe(), preloads,
        points);
  }

  private RunResult measured(LoadClient client, String label, Endpoint e, int clients) throws InterruptedException {
    return client.run(plan(label, e, clients, Duration.ofSeconds(s.warmupSecs()),
        Duration.ofSeconds(s.durationSecs()), s.rate()), log);
  }

  private LoadPlan plan(String label, Endpoint e, int clients, Duration warmup, Duration duration, double rate) {
    return new LoadPlan(label, e, clients, Sources.of(s.workload(), s.spec(), e.hostHeader()), s.workload().ops(),
        warmup, duration, s.ops(), Duration.ofMillis(s.requestTimeoutMs()), rate);
  }

  private PreloadResult preload(LoadClient client, Endpoint e, String target) throws InterruptedException {
    WorkloadSpec spec = s.spec();
    Preload.Tally tally = new Preload.Tally();
    int batches = (spec.records() + Sources.BATCH - 1) / Sources.BATCH;
    int clients = Math.min(s.preloadClients(), batches);
    log.accept("preloading " + spec.records() + " items into " + spec.table() + " at " + e + " with " + clients
        + " connections");
    long t0 = System.nanoTime();
    RunResult r = client.run(new LoadPlan("preload " + spec.table(), e, clients,
        Preload.sources(s.workload(), spec, e.hostHeader(), clients, tally), List.of(OpKind.BATCH_WRITE_ITEM),
        Duration.ZERO, PRELOAD_LIMIT, 0, Duration.ofMillis(s.requestTimeoutMs())), log);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (tally.failedBatches() > 0 || tally.items() < spec.records()) {
      throw new IllegalStateException("preload of " + spec.table() + " at " + e + " wrote " + tally.items() + " of "
          + spec.records() + " items (" + tally.failedBatches() + " batches failed after " + Preload.MAX_ATTEMPTS
          + " attempts); errors: " + r.ops().get(0).errorsByType() + " " + r.ops().get(0).errorSamples()
          + " " + r.connectionErrors());
    }
    return new PreloadResult(target, e.toString(), spec.table(), tally.items(), seconds, tally.retriedBatches(),
        tally.failedBatches());
  }
}
