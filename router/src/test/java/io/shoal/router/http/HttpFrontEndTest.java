package io.shoal.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.ScalarType;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.error.DynamoException;
import io.shoal.router.testing.ApiClient;
import io.shoal.router.testing.FakeCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What DynamoDB's front end does before an operation runs, and the response framing. */
class HttpFrontEndTest {
  private static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";
  private static final String UNKNOWN_OPERATION = "com.amazon.coral.service#UnknownOperationException";
  private static final String INCOMPLETE_SIGNATURE = "com.amazon.coral.service#IncompleteSignatureException";

  private FakeCluster cluster;
  private HttpApiServer server;
  private ApiClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster();
    cluster.addTable("hash_s", "pk", ScalarType.S, null, null);
    server = new HttpApiServer("127.0.0.1", 0, Dispatcher.forCluster(cluster)).start();
    client = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, String> headers(String target) {
    Map<String, String> h = new HashMap<>();
    h.put("Content-Type", "application/x-amz-json-1.0");
    if (target != null) {
      h.put("X-Amz-Target", target);
    }
    h.put("X-Amz-Date", ApiClient.AMZ_DATE);
    h.put("Authorization", ApiClient.AUTHORIZATION);
    return h;
  }

  @Test
  void bodyThatIsNotJsonIsASerializationExceptionWithoutMessage() {
    for (String body : List.of("{", "habababa", "{\"TableName\": }", "{}}", "{\"a\" 1}")) {
      ApiClient.Response r = client.send(headers("DynamoDB_20120810.ListTables"), "POST", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json()).as(body).isEqualTo(ApiClient.json("{\"__type\": \"" + SERIALIZATION + "\"}"));
    }
  }

  @Test
  void emptyBodyIsASerializationException() {
    ApiClient.Response r = client.send(headers("DynamoDB_20120810.ListTables"), "POST", "");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.type()).isEqualTo(SERIALIZATION);
  }

  @Test
  void bodyThatIsAJsonListIsRefused() {
    ApiClient.Response r = client.send(headers("DynamoDB_20120810.ListTables"), "POST", "[]");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.type()).isEqualTo(SERIALIZATION);
    assertThat(r.message()).isEqualTo("Start of list found where not expected");
  }

  @Test
  void missingMalformedOrUnknownTargetsAreUnknownOperations() {
    List<String> targets = new ArrayList<>();
    targets.add(null);
    targets.addAll(List.of("", "ListTables", "DynamoDB_20120810.Frobnicate", "DynamoDB_20111205.ListTables",
        "DynamoDB_20120810.ListTables.x", "dynamodb_20120810.ListTables", "DynamoDB_20120810.listTables"));
    for (String target : targets) {
      ApiClient.Response r = client.send(headers(target), "POST", "{}");
      assertThat(r.status()).as(String.valueOf(target)).isEqualTo(400);
      assertThat(r.json()).as(String.valueOf(target))
          .isEqualTo(ApiClient.json("{\"__type\": \"" + UNKNOWN_OPERATION + "\"}"));
    }
  }

  @Test
  void dynamoOperationsNotBuiltYetSaySo() {
    ApiClient.Response r = client.call("TransactWriteItems", "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.type()).isEqualTo(UNKNOWN_OPERATION);
    assertThat(r.message()).isEqualTo("TransactWriteItems is not supported yet by Shoal");
  }

  @Test
  void malformedJsonIsReportedBeforeAnUnknownTarget() {
    ApiClient.Response r = client.send(headers("DynamoDB_20120810.Nope"), "POST", "{");
    assertThat(r.type()).isEqualTo(SERIALIZATION);
  }

  @Test
  void missingAuthorizationIsMissingAuthenticationToken() {
    Map<String, String> h = headers("DynamoDB_20120810.ListTables");
    h.remove("Authorization");
    ApiClient.Response r = client.send(h, "POST", "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json()).isEqualTo(ApiClient.json("{\"__type\": "
        + "\"com.amazon.coral.service#MissingAuthenticationTokenException\", "
        + "\"message\": \"Request is missing Authentication Token\"}"));

    h.put("Authorization", "Basic dXNlcjpwYXNz");
    assertThat(client.send(h, "POST", "{}").type())
        .isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
  }

  @Test
  void incompleteSignatureNamesWhatIsMissing() {
    Map<String, String> h = headers("DynamoDB_20120810.ListTables");
    String auth = "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/dynamodb/aws4_request";
    h.put("Authorization", auth);
    h.remove("X-Amz-Date");
    ApiClient.Response r = client.send(h, "POST", "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.type()).isEqualTo(INCOMPLETE_SIGNATURE);
    assertThat(r.message()).isEqualTo("Authorization header requires 'Signature' parameter. "
        + "Authorization header requires 'SignedHeaders' parameter. "
        + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        + "Authorization=" + auth);
  }

  @Test
  void credentialScopeMustHaveFiveParts() {
    Map<String, String> h = headers("DynamoDB_20120810.ListTables");
    h.put("Authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=00");
    ApiClient.Response r = client.send(h, "POST", "{}");
    assertThat(r.type()).isEqualTo(INCOMPLETE_SIGNATURE);
    assertThat(r.message()).isEqualTo(
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'");
  }

  @Test
  void signatureIsNotVerifiedAndRegionComesFromTheScope() {
    Map<String, String> h = headers("DynamoDB_20120810.CreateTable");
    h.put("Authorization", "AWS4-HMAC-SHA256 Credential=anyone/20991231/ap-south-1/dynamodb/aws4_request/, "
        + "SignedHeaders=host, Signature=not-a-real-signature");
    ApiClient.Response r = client.send(h, "POST", "{\"TableName\": \"t_region\", \"BillingMode\": \"PAY_PER_REQUEST\","
        + " \"AttributeDefinitions\": [{\"AttributeName\": \"k\", \"AttributeType\": \"S\"}],"
        + " \"KeySchema\": [{\"AttributeName\": \"k\", \"KeyType\": \"HASH\"}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/TableDescription/TableArn").asText())
        .isEqualTo("arn:aws:dynamodb:ap-south-1:000000000000:table/t_region");
  }

  @Test
  void json11AndPlainJsonContentTypesAreAccepted() {
    for (String ct : List.of("application/x-amz-json-1.1", "application/json", "application/x-amz-json-1.0; charset=utf-8")) {
      Map<String, String> h = headers("DynamoDB_20120810.ListTables");
      h.put("Content-Type", ct);
      ApiClient.Response r = client.send(h, "POST", "{}");
      assertThat(r.status()).as(ct).isEqualTo(200);
      assertThat(r.json().get("TableNames").get(0).asText()).isEqualTo("hash_s");
    }
  }

  @Test
  void otherContentTypesAndMethodsGetDynamoDbsBare404() {
    Map<String, String> h = headers("DynamoDB_20120810.ListTables");
    h.put("Content-Type", "text/plain");
    ApiClient.Response r = client.send(h, "POST", "{}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.raw().body()).isEqualTo("<UnknownOperationException/>\n");

    ApiClient.Response put = client.send(headers("DynamoDB_20120810.ListTables"), "PUT", "{}");
    assertThat(put.status()).isEqualTo(404);
    assertThat(put.raw().body()).isEqualTo("<UnknownOperationException/>\n");
  }

  @Test
  void getOnTheRootIsAHealthCheck() {
    ApiClient.Response r = client.send(Map.of(), "GET", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().body()).isEqualTo("healthy: 127.0.0.1:" + server.port());
  }

  @Test
  void responsesCarryContentTypeRequestIdAndBodyChecksum() {
    ApiClient.Response ok = client.call("ListTables", "{}");
    ApiClient.Response error = client.call("DescribeTable", "{\"TableName\": \"missing\"}");
    for (ApiClient.Response r : List.of(ok, error)) {
      assertThat(r.raw().headers().firstValue("content-type")).contains("application/x-amz-json-1.0");
      CRC32 crc = new CRC32();
      crc.update(r.raw().body().getBytes(StandardCharsets.UTF_8));
      assertThat(r.raw().headers().firstValue("x-amz-crc32")).contains(Long.toString(crc.getValue()));
      assertThat(r.raw().headers().firstValue("x-amzn-requestid").orElseThrow())
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }
    assertThat(ok.raw().headers().firstValue("x-amzn-requestid"))
        .isNotEqualTo(error.raw().headers().firstValue("x-amzn-requestid"));
  }

  @Test
  void unexpectedClusterFailureIsInternalServerError() {
    cluster.failNext(new IllegalStateException("disk on fire"));
    ApiClient.Response r = client.call("GetItem", "{\"TableName\": \"hash_s\", \"Key\": {\"pk\": {\"S\": \"a\"}}}");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.json()).isEqualTo(ApiClient.json(
        "{\"__type\": \"com.amazonaws.dynamodb.v20120810#InternalServerError\", \"message\": \"Internal server error\"}"));
  }

  @Test
  void clusterErrorsPassThroughWithTheirStatus() {
    cluster.failNext(DynamoException.serviceUnavailable("no leader for partition"));
    ApiClient.Response r = client.call("ListTables", "{}");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.message()).isEqualTo("no leader for partition");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      String first = rawRequest("DescribeTable", "{\"TableName\": \"missing\"}", false);
      String second = rawRequest("ListTables", "{}", false);
      String third = rawRequest("DescribeTable", "{\"TableName\": \"hash_s\"}", true);
      OutputStream out = s.getOutputStream();
      out.write((first + second + third).getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 400").contains("Table: missing not found");
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"TableNames\":[\"hash_s\"]");
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"TableName\":\"hash_s\"");
      // The last request asked to close the connection.
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void bodiesOver16MiBAreRefusedWith413() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      String head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
          + "X-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Length: " + (16 * 1024 * 1024 + 1) + "\r\n"
          + "Expect: 100-continue\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 413");
    }
    assertThat(cluster.mutations()).isZero();
  }

  private static String rawRequest(String op, String body, boolean close) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
        + "X-Amz-Target: DynamoDB_20120810." + op + "\r\nX-Amz-Date: " + ApiClient.AMZ_DATE + "\r\n"
        + "Authorization: " + ApiClient.AUTHORIZATION + "\r\n"
        + (close ? "Connection: close\r\n" : "")
        + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
  }

  /** Reads one response with a Content-Length body; returns head and body as text. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a response head: " + head);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headText = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headText.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return headText + new String(body, StandardCharsets.UTF_8);
  }
}
