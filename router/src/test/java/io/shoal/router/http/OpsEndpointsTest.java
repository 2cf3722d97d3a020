package io.shoal.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.ScalarType;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.cluster.RoutingEvents;
import io.shoal.router.error.DynamoException;
import io.shoal.router.metrics.RouterMetrics;
import io.shoal.router.testing.ApiClient;
import io.shoal.router.testing.FakeCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /health, /ready and /metrics beside the DynamoDB API on the router's port. */
class OpsEndpointsTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeCluster cluster;
  private RouterMetrics metrics;
  private HttpApiServer server;
  private ApiClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster();
    cluster.addTable("things", "pk", ScalarType.S, null, null);
    metrics = new RouterMetrics();
    server = new HttpApiServer("127.0.0.1", 0, Dispatcher.forCluster(cluster), 2, metrics, cluster::ready).start();
    client = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the one sample whose name and labels are exactly {@code series}, or null if absent. */
  private static Double sample(String scrape, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : null;
  }

  @Test
  void healthIsOkWhileTheProcessServes() throws Exception {
    cluster.setReady(false);
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void readyFollowsTheCluster() throws Exception {
    cluster.setReady(false);
    HttpResponse<String> notReady = get("/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).startsWith("not ready");
    cluster.setReady(true);
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\n");
  }

  @Test
  void metricsCountAndTimeApiRequestsByOperationAndOutcome() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(client.call("PutItem", "{\"TableName\":\"things\",\"Item\":{\"pk\":{\"S\":\"k" + i + "\"}}}").status())
          .isEqualTo(200);
    }
    assertThat(client.call("GetItem", "{\"TableName\":\"things\",\"Key\":{\"pk\":{\"S\":\"k1\"}}}").status())
        .isEqualTo(200);
    assertThat(client.call("GetItem", "{\"TableName\":\"missing\",\"Key\":{\"pk\":{\"S\":\"k1\"}}}").status())
        .isEqualTo(400);
    cluster.failNext(DynamoException.internalServerError("boom"));
    assertThat(client.call("ListTables", "{}").status()).isEqualTo(500);
    assertThat(client.call("NoSuchOperation", "{}").status()).isEqualTo(400);
    // A made-up target is labelled "unknown": a client cannot add label values.
    assertThat(client.call("Bogus" + System.nanoTime(), "{}").status()).isEqualTo(400);
    get("/health");
    get("/ready");

    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
    String s = r.body();
    assertThat(s).contains("# TYPE shoal_router_requests_total counter");
    assertThat(sample(s, "shoal_router_requests_total{error=\"none\",operation=\"PutItem\",outcome=\"ok\"}"))
        .isEqualTo(3.0);
    assertThat(sample(s, "shoal_router_requests_total{error=\"none\",operation=\"GetItem\",outcome=\"ok\"}"))
        .isEqualTo(1.0);
    assertThat(sample(s, "shoal_router_requests_total{error=\"ResourceNotFoundException\",operation=\"GetItem\","
        + "outcome=\"client_error\"}")).isEqualTo(1.0);
    assertThat(sample(s, "shoal_router_requests_total{error=\"InternalServerError\",operation=\"ListTables\","
        + "outcome=\"server_error\"}")).isEqualTo(1.0);
    assertThat(sample(s, "shoal_router_requests_total{error=\"UnknownOperationException\",operation=\"unknown\","
        + "outcome=\"client_error\"}")).isEqualTo(2.0);
    assertThat(s).doesNotContain("Bogus").doesNotContain("operation=\"/health\"");

    assertThat(s).contains("# TYPE shoal_router_request_duration_seconds histogram");
    assertThat(sample(s, "shoal_router_request_duration_seconds_count{operation=\"PutItem\"}")).isEqualTo(3.0);
    assertThat(sample(s, "shoal_router_request_duration_seconds_bucket{operation=\"PutItem\",le=\"15.0\"}"))
        .isEqualTo(3.0);
    assertThat(sample(s, "shoal_router_request_duration_seconds_bucket{operation=\"PutItem\",le=\"+Inf\"}"))
        .isEqualTo(3.0);
    assertThat(sample(s, "shoal_router_request_duration_seconds_sum{operation=\"PutItem\"}")).isGreaterThan(0.0);
    assertThat(sample(s, "shoal_router_requests_inflight")).isEqualTo(0.0);
  }

  @Test
  void retriesAndPartitionMapAreExported() throws Exception {
    metrics.retried(RoutingEvents.Retry.LEADER_REDIRECT);
    metrics.retried(RoutingEvents.Retry.LEADER_REDIRECT);
    metrics.retried(RoutingEvents.Retry.UNREACHABLE);
    AtomicLong version = new AtomicLong(-1);
    AtomicLong refreshedAt = new AtomicLong(0);
    metrics.watchPartitionMap(version::get, refreshedAt::get, () -> 50_000);
    String before = get("/metrics").body();
    assertThat(sample(before, "shoal_router_partition_map_version")).isEqualTo(-1.0);
    assertThat(sample(before, "shoal_router_partition_map_age_seconds")).isEqualTo(-1.0);
    version.set(7);
    refreshedAt.set(48_500);
    String s = get("/metrics").body();
    assertThat(sample(s, "shoal_router_group_retries_total{reason=\"leader_redirect\"}")).isEqualTo(2.0);
    assertThat(sample(s, "shoal_router_group_retries_total{reason=\"unreachable\"}")).isEqualTo(1.0);
    assertThat(sample(s, "shoal_router_group_retries_total{reason=\"busy\"}")).isEqualTo(0.0);
    assertThat(sample(s, "shoal_router_partition_map_version")).isEqualTo(7.0);
    assertThat(sample(s, "shoal_router_partition_map_age_seconds")).isEqualTo(1.5);
  }

  @Test
  void dynamoHealthCheckAndUnknownGetsAreUnchanged() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(get("/").body()).startsWith("healthy: ");
    HttpResponse<String> other = get("/metricsx");
    assertThat(other.statusCode()).isEqualTo(404);
  }
}
