package io.shoal.admin.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeReadyTest {
  @Test
  void readyOnlyOn200AndAwaitPollsUntilThen() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ready", ex -> {
      boolean ready = calls.incrementAndGet() >= 3;
      byte[] body = (ready ? "ready" : "not ready: group g3 has no known leader").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(ready ? 200 : 503, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      NodeReady probe = new NodeReady(Duration.ofSeconds(2));
      int port = server.getAddress().getPort();
      NodeReady.Status first = probe.check("127.0.0.1", port);
      assertThat(first.ready()).isFalse();
      assertThat(first.detail()).isEqualTo("not ready: group g3 has no known leader");
      NodeReady.Status last = probe.await("127.0.0.1", port, Duration.ofSeconds(10), 10, System::nanoTime);
      assertThat(last).isEqualTo(new NodeReady.Status(true, "ready"));
      assertThat(calls.get()).isEqualTo(3);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aNodeThatDoesNotListenIsNotReadyAndSaysWhy() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    NodeReady.Status st = new NodeReady(Duration.ofMillis(500)).await("127.0.0.1", port, Duration.ofMillis(300), 50,
        System::nanoTime);
    assertThat(st.ready()).isFalse();
    assertThat(st.detail()).contains("ConnectException");
  }
}
