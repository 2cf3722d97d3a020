package io.shoal.node.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shoal.node.health.NodeReadiness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text), {@code GET /health} (200 while the process serves) and {@code GET /ready}
 * (200 when {@link NodeReadiness} passes, else 503 with the reason) on the node's {@code --http-port}.
 *
 * <p>Why the JDK's {@code com.sun.net.httpserver}: the node has no HTTP stack of its own (gRPC's Netty is shaded
 * and jraft's Bolt brings Netty 4.1, which the router's 4.2 must not meet on one classpath), and three GET
 * endpoints hit every few seconds by a scraper need no performance. It costs no dependency and one thread.
 */
public final class OpsHttpServer implements AutoCloseable {
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @param scrape renders every meter in Prometheus text format
   * @param readiness the readiness rule's current answer
   */
  public OpsHttpServer(String host, int port, Supplier<String> scrape, Supplier<NodeReadiness.Status> readiness)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "shoal-node-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        serve(exchange, scrape, readiness);
      } catch (RuntimeException e) {
        send(exchange, 500, "internal error: " + e + "\n", "text/plain");
      }
    });
    server.start();
  }

  private static void serve(HttpExchange ex, Supplier<String> scrape, Supplier<NodeReadiness.Status> readiness)
      throws IOException {
    if (!ex.getRequestMethod().equals("GET")) {
      send(ex, 405, "only GET\n", "text/plain");
      return;
    }
    switch (ex.getRequestURI().getPath()) {
      case "/metrics" -> send(ex, 200, scrape.get(), PROMETHEUS_CONTENT_TYPE);
      case "/health" -> send(ex, 200, "ok\n", "text/plain");
      case "/ready" -> {
        NodeReadiness.Status s = readiness.get();
        send(ex, s.ready() ? 200 : 503, s.ready() ? "ready\n" : "not ready: " + s.reason() + "\n", "text/plain");
      }
      default -> send(ex, 404, "not found: try /metrics, /health or /ready\n", "text/plain");
    }
  }

  private static void send(HttpExchange ex, int status, String body, String contentType) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The bound port (useful when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
