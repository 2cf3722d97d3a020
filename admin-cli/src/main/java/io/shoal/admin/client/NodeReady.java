package io.shoal.admin.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A storage node's {@code GET /ready} on its HTTP port: 200 once it is registered, runs every group assigned to it,
 * every group has a leader and its replicas have caught up (see docs/operations.md), else 503 with the first reason.
 */
public final class NodeReady {
  /** One answer: ready or not, and the body (the reason when not ready, or the connection error). */
  public record Status(boolean ready, String detail) {}

  private final HttpClient client;
  private final Duration timeout;

  public NodeReady(Duration timeout) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  public Status check(String host, int httpPort) throws InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + "/ready"))
        .timeout(timeout).GET().build();
    try {
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      return new Status(r.statusCode() == 200, r.body() == null ? "" : r.body().trim());
    } catch (IOException e) {
      return new Status(false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /**
   * Polls every {@code pollMillis} until the node answers ready; returns the last status (not ready when
   * {@code timeout} passed first).
   */
  public Status await(String host, int httpPort, Duration timeout, long pollMillis, LongSupplier nanos)
      throws InterruptedException {
    long deadline = nanos.getAsLong() + timeout.toNanos();
    Status last = check(host, httpPort);
    while (!last.ready() && nanos.getAsLong() < deadline) {
      Thread.sleep(pollMillis);
      last = check(host, httpPort);
    }
    return last;
  }
}
