package io.shoal.router;

import io.shoal.router.api.ApiSettings;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.cluster.GrpcCluster;
import io.shoal.router.http.HttpApiServer;
import io.shoal.router.metrics.RouterMetrics;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of a request router: the DynamoDB HTTP API in front of the storage nodes. */
@Command(name = "shoal-router", mixinStandardHelpOptions = true, description = "Shoal request router")
public final class RouterMain implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind the DynamoDB API to")
  String host;

  @Option(names = "--port", defaultValue = "8000", description = "DynamoDB API port") int port;

  @Option(names = "--seeds", required = true, split = ",",
      description = "gRPC addresses of metadata nodes (host:port,...)")
  List<String> seeds;

  @Option(names = "--region", defaultValue = ApiSettings.DEFAULT_REGION,
      description = "Region in table ARNs for unsigned requests (signed requests use their credential scope's)")
  String region;

  @Option(names = "--account-id", defaultValue = ApiSettings.DEFAULT_ACCOUNT_ID,
      description = "12-digit account id in table ARNs (DynamoDB Local also uses 000000000000)")
  String accountId;

  @Option(names = "--endpoint-address", description = "Address DescribeEndpoints reports (default: the Host the "
      + "client connected to)")
  String endpointAddress;

  @Option(names = "--io-threads", defaultValue = "2", description = "Netty event-loop threads") int ioThreads;

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65535) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--port must be 1-65535");
    }
    ApiSettings settings;
    try {
      settings = new ApiSettings(region, accountId, endpointAddress);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    RouterMetrics metrics = RouterMetrics.withJvmMetrics();
    GrpcCluster cluster = new GrpcCluster(seeds, metrics, testOnlyStaleReads());
    metrics.watchPartitionMap(cluster::partitionMapVersion, cluster::partitionMapRefreshedAtMs,
        System::currentTimeMillis);
    HttpApiServer server = new HttpApiServer(host, port, Dispatcher.forCluster(cluster, settings), ioThreads,
        metrics, cluster::ready).start();
    System.out.println("shoal-router serving the DynamoDB API on http://" + host + ":" + server.port()
        + " (GET /metrics, /health, /ready on the same port)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      cluster.close();
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
