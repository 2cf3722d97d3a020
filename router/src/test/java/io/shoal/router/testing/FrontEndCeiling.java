package io.shoal.router.testing;

import io.shoal.proto.TableInfo;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.http.HttpApiServer;
import io.shoal.router.metrics.RouterMetrics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The router's DynamoDB front end (HTTP, SigV4 header parsing, JSON, validation, the API handlers, metrics) as
 * {@code RouterMain} builds it, over an in-memory {@link FakeCluster} that answers at once: no gRPC, no nodes. What
 * a load generator gets from it is the front end's own ceiling on this machine, the most any cluster behind it
 * could give (issue #6; {@code scripts/router-ceiling.sh}).
 *
 * <p>Arguments: {@code PORT [SECONDS]}; serves on 127.0.0.1 until killed or SECONDS pass.
 */
public final class FrontEndCeiling {
  private FrontEndCeiling() {}

  /** RouterMain's front end over {@code cluster}, on RouterMain's default two event-loop threads. */
  static HttpApiServer start(int port, FakeCluster cluster) throws InterruptedException {
    RouterMetrics metrics = RouterMetrics.withJvmMetrics();
    return new HttpApiServer("127.0.0.1", port, Dispatcher.forCluster(new CachedTables(cluster)), 2, metrics,
        cluster::ready).start();
  }

  /**
   * Item operations resolve their table from a cache, as {@code GrpcCluster} does. The fake's own lookup adds the
   * table's item count and size, counted over every item on each call, which the real router never does per request.
   */
  static final class CachedTables extends DelegatingCluster {
    private final Map<String, TableInfo> cache = new ConcurrentHashMap<>();

    CachedTables(Cluster delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Optional<TableInfo>> resolveTable(String name) {
      TableInfo cached = cache.get(name);
      if (cached != null) {
        return CompletableFuture.completedFuture(Optional.of(cached));
      }
      return super.resolveTable(name).thenApply(t -> {
        t.ifPresent(info -> cache.put(name, info));
        return t;
      });
    }
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3_600;
    try (HttpApiServer server = start(port, new FakeCluster())) {
      System.out.println("front end over an in-memory cluster on http://127.0.0.1:" + server.port());
      TimeUnit.SECONDS.sleep(seconds);
    }
  }
}
