package io.shoal.router.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Sends raw DynamoDB JSON requests to a local server, the way an SDK would frame them. */
public final class ApiClient {
  public static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-3/dynamodb/"
      + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=deadbeef";
  public static final String AMZ_DATE = "20240101T000000Z";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final URI uri;

  public ApiClient(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/");
  }

  /** A parsed response: status, headers, raw body and the body as JSON (null if it is not JSON). */
  public record Response(int status, HttpResponse<String> raw, JsonNode json) {
    public String type() {
      return json == null || json.get("__type") == null ? null : json.get("__type").asText();
    }

    public String message() {
      if (json == null) {
        return null;
      }
      JsonNode m = json.has("message") ? json.get("message") : json.get("Message");
      return m == null ? null : m.asText();
    }
  }

  /** A signed-looking request for {@code op} with the given body. */
  public Response call(String op, String body) {
    return send(Map.of(
        "Content-Type", "application/x-amz-json-1.0",
        "X-Amz-Target", "DynamoDB_20120810." + op,
        "X-Amz-Date", AMZ_DATE,
        "Authorization", AUTHORIZATION), "POST", body);
  }

  /** Any request; {@code headers} are sent as given. */
  public Response send(Map<String, String> headers, String method, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
      } catch (IOException notJson) {
        json = null;
      }
      return new Response(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  public static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("bad JSON in test: " + text, e);
    }
  }
}
