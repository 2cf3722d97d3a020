package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input against the real cluster (router + nodes): DynamoDB's HTTP status, {@code __type} and message, and
 * nothing changes. The router's golden tests cover many more cases against an in-memory cluster; these prove the
 * same answers come back end to end.
 */
class BadInputIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static ShoalProcesses shoal;

  @BeforeAll
  static void up() throws Exception {
    Path dir = Path.of("target", "it-bad-input").toAbsolutePath();
    KillLeaderNodeIT.deleteTree(dir);
    shoal = new ShoalProcesses(dir);
    shoal.mustRun("up", "--groups", "6", "--timeout", "180");
    assertThat(call("CreateTable", "{\"TableName\":\"bad_input\",\"BillingMode\":\"PAY_PER_REQUEST\","
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
        + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}").statusCode()).isEqualTo(200);
    assertThat(call("PutItem", "{\"TableName\":\"bad_input\",\"Item\":{\"pk\":{\"S\":\"k\"},\"v\":{\"N\":\"1\"}}}")
        .statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void down() throws Exception {
    if (shoal != null) {
      shoal.cli("down");
    }
  }

  static HttpResponse<String> call(String op, String body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(ShoalProcesses.ENDPOINT + "/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "DynamoDB_20120810." + op)
        .header("X-Amz-Date", "20261125T000000Z")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=shoal/20261125/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0}: {3}")
  @CsvSource(delimiter = '|', value = {
      "GetItem | {bad json | SerializationException | ",
      "FrobnicateItem | {} | UnknownOperationException | ",
      "GetItem | {\"TableName\":\"no_such_table\",\"Key\":{\"pk\":{\"S\":\"k\"}}} | ResourceNotFoundException"
          + " | Requested resource not found",
      "PutItem | {\"TableName\":\"no_such_table\",\"Item\":{\"pk\":{\"S\":\"k\"}}} | ResourceNotFoundException"
          + " | Requested resource not found",
      "DescribeTable | {\"TableName\":\"no_such_table\"} | ResourceNotFoundException"
          + " | Requested resource not found: Table: no_such_table not found",
      "GetItem | {\"TableName\":\"bad_input\",\"Key\":{\"pk\":{\"N\":\"1\"}}} | ValidationException"
          + " | The provided key element does not match the schema",
      "PutItem | {\"TableName\":\"bad_input\",\"Item\":{\"pk\":{\"N\":\"1\"},\"v\":{\"N\":\"2\"}}} | ValidationException"
          + " | One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
      "PutItem | {\"TableName\":\"bad_input\",\"Item\":{\"v\":{\"N\":\"2\"}}} | ValidationException"
          + " | One or more parameter values were invalid: Missing the key pk in the item",
      "DeleteItem | {\"TableName\":\"bad_input\",\"Key\":{\"pk\":{\"S\":\"k\"},\"extra\":{\"S\":\"x\"}}} | ValidationException"
          + " | The provided key element does not match the schema",
      // A batch with one good and one bad write writes nothing.
      "BatchWriteItem | {\"RequestItems\":{\"bad_input\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"z\"}}}},"
          + "{\"PutRequest\":{\"Item\":{\"pk\":{\"N\":\"1\"}}}}]}} | ValidationException"
          + " | The provided key element does not match the schema",
      "BatchWriteItem | {\"RequestItems\":{\"bad_input\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"z\"}}}},"
          + "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"z\"}}}}]}} | ValidationException"
          + " | Provided list of item keys contains duplicates",
      "BatchGetItem | {\"RequestItems\":{\"bad_input\":{\"Keys\":[{\"pk\":{\"S\":\"k\"}},{\"pk\":{\"S\":\"k\"}}]}}}"
          + " | ValidationException | Provided list of item keys contains duplicates",
      "UpdateItem | {\"TableName\":\"bad_input\",\"Key\":{\"pk\":{\"S\":\"k\"}},\"UpdateExpression\":\"SET pk = :v\","
          + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}} | ValidationException"
          + " | One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
      // Refused by the storage group at apply (the operand types are only known there): nothing is written.
      "UpdateItem | {\"TableName\":\"bad_input\",\"Key\":{\"pk\":{\"S\":\"k\"}},\"UpdateExpression\":\"SET v = pk + :one\","
          + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}} | ValidationException"
          + " | An operand in the update expression has an incorrect data type",
      "PutItem | {\"TableName\":\"bad_input\",\"Item\":{\"pk\":{\"S\":\"k\"}},\"ConditionExpression\":\"v = :one\","
          + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"2\"}}} | ConditionalCheckFailedException"
          + " | The conditional request failed",
  })
  void badInputGetsDynamoDbsErrorAndChangesNothing(String op, String body, String type, String message)
      throws Exception {
    HttpResponse<String> r = call(op, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    if (r.body().startsWith("{")) {
      JsonNode err = JSON.readTree(r.body());
      assertThat(err.path("__type").asText()).endsWith("#" + type);
      if (message != null) {
        JsonNode m = err.has("message") ? err.get("message") : err.get("Message");
        assertThat(m.asText()).isEqualTo(message);
      }
    } else {
      assertThat(r.body()).contains(type);
    }
    HttpResponse<String> item = call("GetItem", "{\"TableName\":\"bad_input\",\"ConsistentRead\":true,"
        + "\"Key\":{\"pk\":{\"S\":\"k\"}}}");
    assertThat(JSON.readTree(item.body()).path("Item"))
        .isEqualTo(JSON.valueToTree(Map.of("pk", Map.of("S", "k"), "v", Map.of("N", "1"))));
    HttpResponse<String> scan = call("Scan", "{\"TableName\":\"bad_input\",\"ConsistentRead\":true}");
    assertThat(JSON.readTree(scan.body()).path("Count").asInt()).as("items in the table").isEqualTo(1);
    HttpResponse<String> tables = call("ListTables", "{}");
    assertThat(JSON.readTree(tables.body()).path("TableNames").toString()).isEqualTo("[\"bad_input\"]");
  }

  @Test
  void unknownOperationAndMalformedJsonAreRejectedWithoutTouchingTheCluster() throws Exception {
    assertThat(call("ListTables", "[1,2").statusCode()).isEqualTo(400);
    assertThat(call("DeleteTable", "{\"TableName\":\"x\"").statusCode()).isEqualTo(400);
    assertThat(call("DescribeTable", "{\"TableName\":\"bad_input\"}").statusCode()).isEqualTo(200);
  }
}
