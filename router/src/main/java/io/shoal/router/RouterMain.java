package io.shoal.router;

import io.shoal.router.api.ApiSettings;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.cluster.GrpcCluster;
import io.shoal.router.http.HttpApiServer;
import io.shoal.router.loop.IoLoops;
import io.shoal.router.metrics.RouterMetrics;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of a request router: the DynamoDB HTTP API in front of the storage nodes. Every flag can also come
 * from an environment variable (named first in its description; a flag wins): docs/operations.md lists them all.
 */
@Command(name = "shoal-router", mixinStandardHelpOptions = true, description = "Shoal request router",
    showDefaultValues = true)
public final class RouterMain implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "${env:SHOAL_ROUTER_HOST:-127.0.0.1}",
      description = "SHOAL_ROUTER_HOST. Address to bind the DynamoDB API to (0.0.0.0: every interface)")
  String host;

  @Option(names = "--port", defaultValue = "${env:SHOAL_ROUTER_PORT:-8000}",
      description = "SHOAL_ROUTER_PORT. DynamoDB API port (also GET /metrics, /health, /ready)") int port;

  @Option(names = "--seeds", defaultValue = "${env:SHOAL_SEEDS}", split = ",",
      description = "SHOAL_SEEDS. gRPC addresses of metadata nodes (host:port,...; required)")
  List<String> seeds;

  @Option(names = "--region", defaultValue = "${env:SHOAL_REGION:-" + ApiSettings.DEFAULT_REGION + "}",
      description = "SHOAL_REGION. Region in table ARNs for unsigned requests (signed requests use their credential "
          + "scope's)")
  String region;

  @Option(names = "--account-id", defaultValue = "${env:SHOAL_ACCOUNT_ID:-" + ApiSettings.DEFAULT_ACCOUNT_ID + "}",
      description = "SHOAL_ACCOUNT_ID. 12-digit account id in table ARNs (DynamoDB Local also uses 000000000000)")
  String accountId;

  @Option(names = "--endpoint-address", defaultValue = "${env:SHOAL_ENDPOINT_ADDRESS}", description =
      "SHOAL_ENDPOINT_ADDRESS. Address DescribeEndpoints reports (default: the Host the client connected to)")
  String endpointAddress;

  @Option(names = "--io-threads", defaultValue = "${env:SHOAL_ROUTER_IO_THREADS:-2}",
      description = "SHOAL_ROUTER_IO_THREADS. Netty event-loop threads, shared by the HTTP server and the gRPC "
      + "channels to the nodes") int ioThreads;

  @Option(names = "--drain-delay-ms", defaultValue = "${env:SHOAL_ROUTER_DRAIN_DELAY_MS:-0}", description =
      "SHOAL_ROUTER_DRAIN_DELAY_MS. On SIGTERM, how long to keep serving with /ready at 503 before closing the "
          + "listening socket (time for a load balancer to stop sending; a few seconds behind a Kubernetes Service)")
  long drainDelayMs;

  @Option(names = "--drain-timeout-ms", defaultValue = "${env:SHOAL_ROUTER_DRAIN_TIMEOUT_MS:-10000}", description =
      "SHOAL_ROUTER_DRAIN_TIMEOUT_MS. On SIGTERM, the longest wait for in-flight requests to finish") long drainTimeoutMs;

  @Override
  public Integer call() throws Exception {
    CommandLine cmd = new CommandLine(this);
    if (port < 1 || port > 65535) {
      throw new CommandLine.ParameterException(cmd, "--port (SHOAL_ROUTER_PORT) must be 1-65535");
    }
    if (seeds == null || seeds.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, "--seeds (SHOAL_SEEDS) is required: gRPC addresses of the "
          + "metadata nodes, host:port,...");
    }
    if (drainDelayMs < 0 || drainTimeoutMs < 0) {
      throw new CommandLine.ParameterException(cmd, "--drain-delay-ms and --drain-timeout-ms must be 0 or more");
    }
    ApiSettings settings;
    try {
      // An empty variable (SHOAL_ENDPOINT_ADDRESS= in an environment file) means "not set".
      settings = new ApiSettings(region, accountId,
          endpointAddress == null || endpointAddress.isBlank() ? null : endpointAddress);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
    RouterMetrics metrics = RouterMetrics.withJvmMetrics();
    // One set of event loops for the HTTP server and the channels to the nodes: a request stays on its thread.
    IoLoops loops = new IoLoops(ioThreads);
    GrpcCluster cluster = new GrpcCluster(seeds, metrics, testOnlyStaleReads(), loops);
    metrics.watchPartitionMap(cluster::partitionMapVersion, cluster::partitionMapRefreshedAtMs,
        System::currentTimeMillis);
    HttpApiServer server = new HttpApiServer(host, port, Dispatcher.forCluster(cluster, settings), loops,
        metrics, cluster::ready).start();
    System.out.println("shoal-router serving the DynamoDB API on http://" + host + ":" + server.port()
        + " (GET /metrics, /health, /ready on the same port)");
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM: /ready 503, keep serving for the drain delay, stop accepting, finish in-flight requests, stop.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long t0 = System.nanoTime();
      int left = 0;
      try {
        left = server.drain(drainDelayMs, drainTimeoutMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.close();
      cluster.close();
      loops.close();
      System.out.println("shoal-router drained in " + (System.nanoTime() - t0) / 1_000_000 + " ms"
          + (left == 0 ? "" : "; " + left + " requests were still in flight"));
      stopped.countDown();
    }, "shoal-router-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * The chaos suite's deliberately broken build (system property {@code shoal.testOnly.staleReads=true}): strongly
   * consistent GetItems read a random replica without ReadIndex, so the drills can show the linearizability checker
   * catches stale reads. A JVM property rather than a flag keeps it out of every operator-facing surface.
   */
  private static boolean testOnlyStaleReads() {
    boolean broken = Boolean.getBoolean("shoal.testOnly.staleReads");
    if (broken) {
      System.err.println("WARNING: shoal.testOnly.staleReads is set: this router SERVES CONSISTENT READS FROM ANY "
          + "REPLICA WITHOUT READINDEX (test-only broken mode; reads can be stale)");
    }
    return broken;
  }

  public static void main(String[] args) {
    int code = new CommandLine(new RouterMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
