package io.shoal.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.testing.ApiClient;
import io.shoal.router.testing.FakeCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cluster answers late and on its own threads, as the real one does. With two I/O threads and 40
 * concurrent requests each waiting 300 ms, a handler that blocked its event loop would need at least
 * 6 s; one that does not needs little more than 300 ms.
 */
class AsyncCompletionTest {
  private static final long DELAY_MS = 300;

  /** Delegates to a FakeCluster but completes every read {@link #DELAY_MS} later on another thread. */
  private static final class SlowCluster implements Cluster {
    private final FakeCluster inner;
    private final Executor later = CompletableFuture.delayedExecutor(DELAY_MS, TimeUnit.MILLISECONDS);

    SlowCluster(FakeCluster inner) {
      this.inner = inner;
    }

    private <T> CompletableFuture<T> slow(CompletableFuture<T> f) {
      return f.thenApplyAsync(v -> v, later);
    }

    @Override
    public CompletableFuture<TableInfo> createTable(TableInfo spec) {
      return slow(inner.createTable(spec));
    }

    @Override
    public CompletableFuture<Optional<TableInfo>> describeTable(String name) {
      return slow(inner.describeTable(name));
    }

    @Override
    public CompletableFuture<List<TableInfo>> listTables() {
      return slow(inner.listTables());
    }

    @Override
    public CompletableFuture<Optional<TableInfo>> deleteTable(String name) {
      return slow(inner.deleteTable(name));
    }

    @Override
    public CompletableFuture<Optional<Item>> putItem(TableInfo table, Item item, boolean returnOld) {
      return slow(inner.putItem(table, item, returnOld));
    }

    @Override
    public CompletableFuture<Optional<Item>> getItem(TableInfo t, Map<String, AttributeValue> key, boolean c) {
      return slow(inner.getItem(t, key, c));
    }

    @Override
    public CompletableFuture<Optional<Item>> deleteItem(TableInfo t, Map<String, AttributeValue> key, boolean r) {
      return slow(inner.deleteItem(t, key, r));
    }
  }

  @Test
  void slowClusterDoesNotHoldEventLoopThreads() throws Exception {
    FakeCluster fake = new FakeCluster();
    fake.addTable("hash_s", "pk", ScalarType.S, null, null);
    try (HttpApiServer server = new HttpApiServer("127.0.0.1", 0, Dispatcher.forCluster(new SlowCluster(fake)), 2)
        .start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      int n = 40;
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "DynamoDB_20120810.PutItem")
            .header("X-Amz-Date", ApiClient.AMZ_DATE)
            .header("Authorization", ApiClient.AUTHORIZATION)
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"TableName\": \"hash_s\", \"Item\": {\"pk\": {\"S\": \"k" + i + "\"}}}"))
            .build();
        replies.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> r : replies) {
        HttpResponse<String> resp = r.get(30, TimeUnit.SECONDS);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        assertThat(resp.body()).isEqualTo("{}");
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(fake.itemCount("hash_s")).isEqualTo(n);
      assertThat(elapsedMs).as("elapsed ms for %d concurrent slow requests", n).isLessThan(4_000);
    }
  }
}
