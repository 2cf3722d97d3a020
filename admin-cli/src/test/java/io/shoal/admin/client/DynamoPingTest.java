package io.shoal.admin.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DynamoPingTest {

  private final HttpClient http = DynamoPing.newClient(Duration.ofSeconds(1));

  @Test
  void sendsListTablesLikeAnSdkAndAcceptsOnly200() throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    int[] status = {200};
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      seen.put("method", ex.getRequestMethod());
      seen.put("path", ex.getRequestURI().getPath());
      seen.put("target", ex.getRequestHeaders().getFirst("X-Amz-Target"));
      seen.put("type", ex.getRequestHeaders().getFirst("Content-Type"));
      seen.put("auth", ex.getRequestHeaders().getFirst("Authorization"));
      seen.put("date", ex.getRequestHeaders().getFirst("X-Amz-Date"));
      seen.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = "{\"TableNames\":[]}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status[0], body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      assertThat(DynamoPing.serves(http, endpoint, Duration.ofSeconds(2))).isTrue();
      assertThat(seen).containsEntry("method", "POST").containsEntry("path", "/")
          .containsEntry("target", "DynamoDB_20120810.ListTables")
          .containsEntry("type", "application/x-amz-json-1.0")
          .containsEntry("body", "{}")
          .containsEntry("date", "20260101T000000Z");
      assertThat(seen.get("auth")).startsWith("AWS4-HMAC-SHA256 Credential=shoal/20260101/"
          + "us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=");

      status[0] = 400;
      assertThat(DynamoPing.serves(http, endpoint, Duration.ofSeconds(2))).isFalse();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void nobodyListeningIsNotServing() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(DynamoPing.serves(http, URI.create("http://127.0.0.1:" + port),
        Duration.ofSeconds(1))).isFalse();
  }
}
