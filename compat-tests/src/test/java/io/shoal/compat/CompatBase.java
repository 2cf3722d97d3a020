package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Shared plumbing of the black-box suite: an SDK client for the endpoint under test (static dummy credentials,
 * us-east-1, no SDK retries so every answer is seen), uniquely named tables that the class deletes afterwards,
 * attribute value shorthands, error assertions and raw HTTP calls. Knows nothing of Shoal.
 */
@ExtendWith(Endpoint.class)
abstract class CompatBase {
  static final String VALIDATION = "ValidationException";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  static DynamoDbClient ddb;
  private static final List<String> tables = new ArrayList<>();

  @BeforeAll
  static void openClient() {
    ddb = DynamoDbClient.builder().endpointOverride(URI.create(Endpoint.url())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("compat", "compat")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build();
  }

  @AfterAll
  static void dropTablesAndClose() {
    for (String t : tables) {
      try {
        ddb.deleteTable(r -> r.tableName(t));
      } catch (DynamoDbException e) {
        // already gone (a test deleted it) or protected on purpose and unprotected by the test's own cleanup
      }
    }
    tables.clear();
    ddb.close();
  }

  // ---- tables ----

  /** A table name unique to this run: compat-BASE-xxxxxxxx. */
  static String uniqueName(String base) {
    return "compat-" + base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Remembers a table for deletion after the class, whether or not creation succeeded. */
  static String track(String name) {
    tables.add(name);
    return name;
  }

  static String createHashTable(String base, ScalarAttributeType pkType) {
    String name = track(uniqueName(base));
    create(CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(pkType).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()).build());
    return name;
  }

  static String createCompositeTable(String base, ScalarAttributeType pkType, ScalarAttributeType skType) {
    String name = track(uniqueName(base));
    create(CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("pk").attributeType(pkType).build(),
            AttributeDefinition.builder().attributeName("sk").attributeType(skType).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()).build());
    return name;
  }

  /** CreateTable, then waits (polling, not the SDK's 20 s waiter) until the table is ACTIVE. */
  static void create(CreateTableRequest request) {
    ddb.createTable(request);
    waitActive(request.tableName());
  }

  static void waitActive(String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      TableStatus s = ddb.describeTable(r -> r.tableName(name)).table().tableStatus();
      if (s == TableStatus.ACTIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("table " + name + " still " + s + " after 60 s");
      }
      sleep(100);
    }
  }

  static void waitGone(String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        ddb.describeTable(r -> r.tableName(name));
      } catch (ResourceNotFoundException e) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError("table " + name + " still exists after 60 s");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- attribute values ----

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  static AttributeValue b(byte... v) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(v));
  }

  static AttributeValue bool(boolean v) {
    return AttributeValue.fromBool(v);
  }

  static AttributeValue nul() {
    return AttributeValue.fromNul(true);
  }

  static AttributeValue ss(String... v) {
    return AttributeValue.fromSs(Arrays.asList(v));
  }

  static AttributeValue ns(String... v) {
    return AttributeValue.fromNs(Arrays.asList(v));
  }

  static AttributeValue bs(byte[]... v) {
    return AttributeValue.fromBs(Arrays.stream(v).map(SdkBytes::fromByteArray).toList());
  }

  static AttributeValue l(AttributeValue... v) {
    return AttributeValue.fromL(Arrays.asList(v));
  }

  static AttributeValue m(Object... kv) {
    return AttributeValue.fromM(item(kv));
  }

  /** item("a", s("x"), "b", n(1)): an insertion-ordered attribute map. */
  static Map<String, AttributeValue> item(Object... kv) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], (AttributeValue) kv[i + 1]);
    }
    return out;
  }

  static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  // ---- reads ----

  /** Strongly consistent GetItem; null when there is no item. */
  static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
    var r = ddb.getItem(g -> g.tableName(table).key(key).consistentRead(true));
    return r.hasItem() ? r.item() : null;
  }

  /** Every item of the table, by consistent paginated Scan. */
  static List<Map<String, AttributeValue>> scanAll(String table) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse r = ddb.scan(s -> s.tableName(table).consistentRead(true).exclusiveStartKey(from));
      out.addAll(r.items());
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  // ---- errors ----

  /** Runs a call that must fail with HTTP 400, the given error code and exactly the given message. */
  static DynamoDbException expectError(ThrowingCallable call, String code, String message) {
    return expectError(call, 400, code, message);
  }

  static DynamoDbException expectError(ThrowingCallable call, int status, String code, String message) {
    DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call);
    assertThat(e).as("expected %s: %s", code, message).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).as("error code (message: %s)", e.awsErrorDetails().errorMessage())
        .isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
    assertThat(e.statusCode()).as("HTTP status").isEqualTo(status);
    return e;
  }

  static DynamoDbException expectValidation(ThrowingCallable call, String message) {
    return expectError(call, VALIDATION, message);
  }

  // ---- raw HTTP ----

  /** A raw DynamoDB JSON call with a well-formed (unverifiable, dummy-key) SigV4 Authorization header. */
  static HttpResponse<String> raw(String operation, String body) {
    return raw(HttpRequest.newBuilder(URI.create(Endpoint.url() + "/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "DynamoDB_20120810." + operation)
        .header("X-Amz-Date", "20250101T000000Z")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=compat/20250101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static HttpResponse<String> raw(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** A raw call that must fail with the given status, full {@code __type} and message ("message" or "Message"). */
  static void expectRawError(String operation, String body, int status, String type, String message) {
    HttpResponse<String> r = raw(operation, body);
    assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
    JsonNode j = json(r.body());
    assertThat(j.path("__type").asText()).as("__type of %s", r.body()).isEqualTo(type);
    if (message != null) {
      JsonNode msg = j.has("message") ? j.get("message") : j.get("Message");
      assertThat(msg == null ? null : msg.asText()).as("message of %s", r.body()).isEqualTo(message);
    }
  }
}
