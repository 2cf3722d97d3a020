package io.shoal.router.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.shoal.router.metrics.RouterMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The operator endpoints beside the DynamoDB API on the same port: {@code GET /metrics} (Prometheus text),
 * {@code GET /health} (the process serves HTTP) and {@code GET /ready} (the cluster client can route requests).
 * DynamoDB requests are {@code POST /}, so these GET paths never collide with the API.
 */
final class OpsEndpoints {
  static final String METRICS = "/metrics";
  static final String HEALTH = "/health";
  static final String READY = "/ready";
  /** Prometheus text exposition format 0.0.4, the one every scraper reads. */
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final RouterMetrics metrics;
  private final BooleanSupplier ready;
  private final Executor scrapes;
  private final BooleanSupplier draining;

  /**
   * @param scrapes where the registry is rendered: a scrape walks every meter (JVM metrics included) and takes
   *     milliseconds, which must not stall the event loop that also carries API connections
   */
  OpsEndpoints(RouterMetrics metrics, BooleanSupplier ready, Executor scrapes) {
    this(metrics, ready, scrapes, () -> false);
  }

  /** @param draining true once the router is stopping: /ready answers 503 from then on */
  OpsEndpoints(RouterMetrics metrics, BooleanSupplier ready, Executor scrapes, BooleanSupplier draining) {
    this.metrics = metrics;
    this.ready = ready;
    this.scrapes = scrapes;
    this.draining = draining;
  }

  /** True for the GET paths this class answers. */
  static boolean handles(String path) {
    return path.equals(METRICS) || path.equals(HEALTH) || path.equals(READY);
  }

  CompletableFuture<FullHttpResponse> answer(String path) {
    switch (path) {
      case METRICS:
        return CompletableFuture.supplyAsync(
            () -> text(HttpResponseStatus.OK, metrics.scrape(), PROMETHEUS_CONTENT_TYPE), scrapes);
      case HEALTH:
        return CompletableFuture.completedFuture(text(HttpResponseStatus.OK, "ok\n", "text/plain"));
      case READY:
        if (draining.getAsBoolean()) {
          return CompletableFuture.completedFuture(text(HttpResponseStatus.SERVICE_UNAVAILABLE,
              "not ready: draining (stopping)\n", "text/plain"));
        }
        boolean ok = ready.getAsBoolean();
        return CompletableFuture.completedFuture(ok ? text(HttpResponseStatus.OK, "ready\n", "text/plain")
            : text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "not ready: no partition map or table catalog from the metadata group yet\n", "text/plain"));
      default:
        throw new IllegalArgumentException(path);
    }
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return r;
  }
}
