package io.shoal.admin.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.admin.client.DynamoPing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few DynamoDB calls a drill makes, as raw JSON over HTTP: the drill must see every failure as the wire shows it
 * (status and {@code __type}), with no SDK retries hiding faults from the history.
 */
public final class DynamoHttp {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** A response: HTTP status and body; {@code type} is the short {@code __type} of an error, else empty. */
  public record Response(int status, JsonNode body) {
    public String type() {
      String t = body.path("__type").asText("");
      return t.substring(t.indexOf('#') + 1);
    }
  }

  private final HttpClient client;
  private final URI endpoint;
  private final Duration timeout;

  public DynamoHttp(URI endpoint, Duration timeout) {
    // HTTP/1.1 as the AWS SDKs speak to DynamoDB; the JDK's default would try an h2c upgrade on every connection.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    this.endpoint = endpoint.resolve("/");
    this.timeout = timeout;
  }

  /** One call; IOException (including a timeout) means the outcome is unknown. */
  public Response call(String operation, JsonNode request) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("X-Amz-Target", "DynamoDB_20120810." + operation)
        .header("Content-Type", DynamoPing.CONTENT_TYPE)
        .header("Authorization", DynamoPing.AUTHORIZATION)
        .header("X-Amz-Date", DynamoPing.AMZ_DATE)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build();
    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
    String text = r.body();
    return new Response(r.statusCode(), text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text));
  }
}
