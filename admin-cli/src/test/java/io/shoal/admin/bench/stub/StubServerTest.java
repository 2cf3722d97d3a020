package io.shoal.admin.bench.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The stub answers like DynamoDB would in shape and size, to any HTTP client. */
class StubServerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static HttpResponse<String> call(HttpClient http, String url, String op) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Amz-Target", "DynamoDB_20120810." + op)
        .header("Content-Type", "application/x-amz-json-1.0").POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersEachOperationWithABodyOfRealisticSize() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (StubServer stub = StubServer.start(0, StubResponses.realistic(1024, 20, 1))) {
      assertThat(call(http, stub.url(), "PutItem").body()).isEqualTo("{}");
      HttpResponse<String> get = call(http, stub.url(), "GetItem");
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.headers().firstValue("x-amz-crc32")).isPresent();
      JsonNode item = JSON.readTree(get.body()).get("Item");
      assertThat(item.at("/v/S").asText().length() + item.at("/pk/S").asText().length() + 3).isEqualTo(1024);
      JsonNode query = JSON.readTree(call(http, stub.url(), "Query").body());
      assertThat(query.get("Count").asInt()).isEqualTo(20);
      assertThat(query.get("Items")).hasSize(20);
      assertThat(JSON.readTree(call(http, stub.url(), "BatchWriteItem").body()).get("UnprocessedItems").isEmpty())
          .isTrue();
      assertThat(JSON.readTree(call(http, stub.url(), "DescribeTable").body()).at("/Table/TableStatus").asText())
          .isEqualTo("ACTIVE");
      HttpResponse<String> unknown = call(http, stub.url(), "Frobnicate");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body()).contains("UnknownOperationException");
    }
  }
}
