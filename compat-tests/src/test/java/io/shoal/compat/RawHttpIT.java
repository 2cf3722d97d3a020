package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The HTTP front end, below any SDK: operation dispatch, JSON parsing, content types, authentication headers
 * (DynamoDB's answers as recorded by dynalite's index.js and tests, which were run against DynamoDB).
 */
class RawHttpIT extends CompatBase {
  static final String SIGNED = "AWS4-HMAC-SHA256 Credential=compat/20250101/us-east-1/dynamodb/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00";

  static HttpRequest.Builder post(String target, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Endpoint.url() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (target != null) {
      b.header("X-Amz-Target", target);
    }
    return b;
  }

  static void assertJsonError(HttpResponse<String> r, int status, String type, String message) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    var j = json(r.body());
    assertThat(j.path("__type").asText()).as(r.body()).isEqualTo(type);
    if (message != null) {
      var m = j.has("message") ? j.get("message") : j.get("Message");
      assertThat(m == null ? null : m.asText()).as(r.body()).isEqualTo(message);
    }
  }

  @Test
  void unknownOperation() {
    assertJsonError(raw("FrobnicateItem", "{}"), 400, "com.amazon.coral.service#UnknownOperationException", null);
    assertJsonError(raw(post("DynamoDB_20120810", "application/x-amz-json-1.0", "{}")
            .header("X-Amz-Date", "20250101T000000Z").header("Authorization", SIGNED)), 400,
        "com.amazon.coral.service#UnknownOperationException", null);
    assertJsonError(raw(post(null, "application/x-amz-json-1.0", "{}").header("X-Amz-Date", "20250101T000000Z")
        .header("Authorization", SIGNED)), 400, "com.amazon.coral.service#UnknownOperationException", null);
  }

  @Test
  void malformedJson() {
    assertJsonError(raw("ListTables", "{not json"), 400, "com.amazon.coral.service#SerializationException", null);
    assertJsonError(raw("GetItem", "[1, 2"), 400, "com.amazon.coral.service#SerializationException", null);
  }

  /** Texts as DynamoDB answers since about 2023 (e.g. localstack/localstack#9412: "NUMBER_VALUE cannot be converted
   * to String"); older recordings show "class java.lang.String can not be converted to an Integer". */
  @Test
  void wrongTypesInJsonAreSerializationErrors() {
    expectRawError("ListTables", "{\"Limit\": \"ten\"}", 400, "com.amazon.coral.service#SerializationException",
        "STRING_VALUE cannot be converted to Integer");
    expectRawError("DescribeTable", "{\"TableName\": 5}", 400, "com.amazon.coral.service#SerializationException",
        "NUMBER_VALUE cannot be converted to String");
    expectRawError("GetItem", "{\"TableName\": \"abc\", \"ConsistentRead\": 5}", 400,
        "com.amazon.coral.service#SerializationException", "NUMBER_VALUE cannot be converted to Boolean");
  }

  @Test
  void bothJsonContentTypesAreAccepted() {
    for (String type : new String[] {"application/x-amz-json-1.0", "application/json"}) {
      HttpResponse<String> r = raw(post("DynamoDB_20120810.ListTables", type, "{}")
          .header("X-Amz-Date", "20250101T000000Z").header("Authorization", SIGNED));
      assertThat(r.statusCode()).as(type + ": " + r.body()).isEqualTo(200);
      assertThat(json(r.body()).has("TableNames")).isTrue();
    }
  }

  @Test
  void foreignContentTypeOrMethodIsNotAnOperation() {
    HttpResponse<String> r = raw(post("DynamoDB_20120810.ListTables", "text/plain", "{}")
        .header("X-Amz-Date", "20250101T000000Z").header("Authorization", SIGNED));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("<UnknownOperationException/>\n");
    HttpResponse<String> put = raw(HttpRequest.newBuilder(URI.create(Endpoint.url() + "/"))
        .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "DynamoDB_20120810.ListTables"));
    assertThat(put.statusCode()).isEqualTo(404);
    assertThat(put.body()).isEqualTo("<UnknownOperationException/>\n");
  }

  @Test
  void getIsAHealthCheck() {
    // GET https://dynamodb.REGION.amazonaws.com/ answers "healthy: dynamodb.REGION.amazonaws.com "
    HttpResponse<String> get = raw(HttpRequest.newBuilder(URI.create(Endpoint.url() + "/")).GET());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).startsWith("healthy: ");
  }

  @Test
  void missingAuthorization() {
    // DynamoDB answers 400 here (the AWS common-errors page lists 403 for this error in general)
    assertJsonError(raw(post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", "{}")
            .header("X-Amz-Date", "20250101T000000Z")), 400,
        "com.amazon.coral.service#MissingAuthenticationTokenException", "Request is missing Authentication Token");
    assertJsonError(raw(post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", "{}")
            .header("X-Amz-Date", "20250101T000000Z").header("Authorization", "Basic dXNlcjpwdw==")), 400,
        "com.amazon.coral.service#MissingAuthenticationTokenException", "Request is missing Authentication Token");
  }

  @Test
  void incompleteSignature() {
    String auth = "AWS4-HMAC-SHA256 Foo=bar";
    assertJsonError(raw(post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", "{}")
            .header("Authorization", auth)), 400, "com.amazon.coral.service#IncompleteSignatureException",
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
            + "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of "
            + "either a 'X-Amz-Date' or a 'Date' header. Authorization=" + auth);
    String partial = "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host";
    assertJsonError(raw(post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", "{}")
            .header("X-Amz-Date", "20250101T000000Z").header("Authorization", partial)), 400,
        "com.amazon.coral.service#IncompleteSignatureException",
        "Authorization header requires 'Signature' parameter. Authorization=" + partial);
  }

  @Test
  void responsesCarryRequestIdAndCrc32() {
    HttpResponse<String> r = raw("ListTables", "{}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    CRC32 crc = new CRC32();
    crc.update(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(r.headers().firstValue("x-amz-crc32")).hasValue(Long.toString(crc.getValue()));
    HttpResponse<String> err = raw("DescribeTable", "{\"TableName\": \"compat-no-such-table\"}");
    assertJsonError(err, 400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        "Requested resource not found: Table: compat-no-such-table not found");
    assertThat(err.headers().firstValue("x-amzn-RequestId")).isPresent();
  }
}
