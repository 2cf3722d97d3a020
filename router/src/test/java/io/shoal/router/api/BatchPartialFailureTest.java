package io.shoal.router.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.router.error.DynamoException;
import io.shoal.router.testing.FakeCluster;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BatchGetItem/BatchWriteItem when some partitions cannot be reached: the reachable part succeeds, exactly the
 * unreachable part comes back as UnprocessedKeys/UnprocessedItems in the request's shape, and resending that part
 * completes the batch. Also the 16 MB response cut and the 400 KB item limit, which are too bulky for golden files.
 */
class BatchPartialFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What GroupCaller reports when a group has no reachable leader within its retry budget. */
  private static final DynamoException UNAVAILABLE =
      DynamoException.serviceUnavailable("Shoal could not reach the partition: group 3 has no leader");

  private FakeCluster cluster;
  private TableInfo hashS;
  private Dispatcher dispatcher;

  @BeforeEach
  void setUp() {
    cluster = new FakeCluster();
    hashS = cluster.addTable("hash_s", "pk", ScalarType.S, null, null);
    cluster.addTable("composite", "pk", ScalarType.S, "sk", ScalarType.N);
    dispatcher = Dispatcher.forCluster(cluster);
  }

  private ObjectNode call(String op, String body) throws Exception {
    return call(op, (ObjectNode) JSON.readTree(body));
  }

  private ObjectNode call(String op, ObjectNode body) throws Exception {
    ObjectNode out = Dispatcher.invoke(dispatcher.resolve("DynamoDB_20120810." + op), new RequestContext(null), body)
        .get();
    // As a client reads it: items in responses are nodes that write themselves (json.ItemJson).
    return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(out));
  }

  private static DynamoException failure(ThrowingCall c) {
    try {
      c.run();
    } catch (ExecutionException e) {
      return (DynamoException) BatchRequests.unwrap(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  /** Keys whose partition key starts with "down" live on an unreachable partition. */
  private void partitionDown() {
    cluster.failKeys(k -> k.get("pk").getS().startsWith("down"), UNAVAILABLE);
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.newBuilder().setS(pk).build());
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", AttributeValue.newBuilder().setS(pk).build(), "sk", AttributeValue.newBuilder().setN(sk).build());
  }

  @Test
  void writesToAnUnreachablePartitionComeBackUnprocessedAndARetryCompletes() throws Exception {
    call("PutItem", "{\"TableName\": \"composite\", \"Item\": {\"pk\": {\"S\": \"c\"}, \"sk\": {\"N\": \"1\"}}}");
    partitionDown();

    ObjectNode out = call("BatchWriteItem", """
        {"RequestItems": {
          "hash_s": [{"PutRequest": {"Item": {"pk": {"S": "a"}, "v": {"N": "1"}}}},
                     {"PutRequest": {"Item": {"pk": {"S": "down1"}, "v": {"N": "0010"}}}},
                     {"DeleteRequest": {"Key": {"pk": {"S": "down2"}}}},
                     {"PutRequest": {"Item": {"pk": {"S": "b"}}}}],
          "composite": [{"DeleteRequest": {"Key": {"sk": {"N": "1.0"}, "pk": {"S": "c"}}}},
                        {"PutRequest": {"Item": {"pk": {"S": "down3"}, "sk": {"N": "2"}}}}]}}""");

    // Exactly the failed requests, as sent (member order and number spelling included).
    assertThat(out).isEqualTo(JSON.readTree("""
        {"UnprocessedItems": {
          "hash_s": [{"PutRequest": {"Item": {"pk": {"S": "down1"}, "v": {"N": "0010"}}}},
                     {"DeleteRequest": {"Key": {"pk": {"S": "down2"}}}}],
          "composite": [{"PutRequest": {"Item": {"pk": {"S": "down3"}, "sk": {"N": "2"}}}}]}}"""));
    assertThat(cluster.storedItem("hash_s", key("a"))).isPresent();
    assertThat(cluster.storedItem("hash_s", key("b"))).isPresent();
    assertThat(cluster.storedItem("composite", key("c", "1"))).isEmpty();
    assertThat(cluster.storedItem("hash_s", key("down1"))).isEmpty();

    cluster.healKeys();
    ObjectNode retry = JSON.createObjectNode();
    retry.set("RequestItems", out.get("UnprocessedItems"));
    assertThat(call("BatchWriteItem", retry)).isEqualTo(JSON.readTree("{\"UnprocessedItems\": {}}"));
    assertThat(cluster.storedItem("hash_s", key("down1")).orElseThrow().getAttributesMap().get("v").getN())
        .isEqualTo("10");
    assertThat(cluster.storedItem("composite", key("down3", "2"))).isPresent();
  }

  @Test
  void readsFromAnUnreachablePartitionComeBackUnprocessedWithTheirTableOptions() throws Exception {
    for (String pk : new String[] {"a", "b", "down1"}) {
      call("PutItem", "{\"TableName\": \"hash_s\", \"Item\": {\"pk\": {\"S\": \"" + pk + "\"}, \"v\": {\"S\": \"" + pk
          + "\"}, \"w\": {\"N\": \"1\"}}}");
    }
    call("PutItem", "{\"TableName\": \"composite\", \"Item\": {\"pk\": {\"S\": \"down3\"}, \"sk\": {\"N\": \"2\"}}}");
    partitionDown();

    String request = """
        {"RequestItems": {
          "hash_s": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "down1"}}, {"pk": {"S": "missing"}},
                              {"pk": {"S": "b"}}],
                     "ProjectionExpression": "#v", "ExpressionAttributeNames": {"#v": "v"}, "ConsistentRead": true},
          "composite": {"Keys": [{"sk": {"N": "2.0"}, "pk": {"S": "down3"}}]}}}""";
    ObjectNode out = call("BatchGetItem", request);

    assertThat(out).isEqualTo(JSON.readTree("""
        {"Responses": {"hash_s": [{"v": {"S": "a"}}, {"v": {"S": "b"}}], "composite": []},
         "UnprocessedKeys": {
           "hash_s": {"Keys": [{"pk": {"S": "down1"}}],
                      "ProjectionExpression": "#v", "ExpressionAttributeNames": {"#v": "v"}, "ConsistentRead": true},
           "composite": {"Keys": [{"sk": {"N": "2.0"}, "pk": {"S": "down3"}}]}}}"""));

    cluster.healKeys();
    ObjectNode retry = JSON.createObjectNode();
    retry.set("RequestItems", out.get("UnprocessedKeys"));
    assertThat(call("BatchGetItem", retry)).isEqualTo(JSON.readTree("""
        {"Responses": {"hash_s": [{"v": {"S": "down1"}}],
                       "composite": [{"pk": {"S": "down3"}, "sk": {"N": "2"}}]},
         "UnprocessedKeys": {}}"""));
  }

  @Test
  void aBatchInWhichNothingCouldBeProcessedFailsWithServiceUnavailable() throws Exception {
    partitionDown();
    DynamoException read = failure(() -> call("BatchGetItem",
        "{\"RequestItems\": {\"hash_s\": {\"Keys\": [{\"pk\": {\"S\": \"down1\"}}, {\"pk\": {\"S\": \"down2\"}}]}}}"));
    assertThat(read.status()).isEqualTo(503);
    assertThat(read.code()).isEqualTo("ServiceUnavailable");

    DynamoException write = failure(() -> call("BatchWriteItem",
        "{\"RequestItems\": {\"hash_s\": [{\"PutRequest\": {\"Item\": {\"pk\": {\"S\": \"down1\"}}}}]}}"));
    assertThat(write.status()).isEqualTo(503);
  }

  @Test
  void otherClusterErrorsFailTheWholeBatch() throws Exception {
    // A table dropped after the router resolved it: the storage group answers ResourceNotFoundException.
    cluster.failKeys(k -> k.get("pk").getS().equals("gone"),
        DynamoException.resourceNotFound("Requested resource not found"));
    DynamoException e = failure(() -> call("BatchGetItem",
        "{\"RequestItems\": {\"hash_s\": {\"Keys\": [{\"pk\": {\"S\": \"a\"}}, {\"pk\": {\"S\": \"gone\"}}]}}}"));
    assertThat(e.code()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void aResponseStopsAt16MegabytesAndTheRestIsUnprocessed() throws Exception {
    String filler = "x".repeat(390 * 1024);
    StringBuilder keys = new StringBuilder();
    int count = 45; // 45 x 390 KiB is over 16 MiB
    for (int i = 0; i < count; i++) {
      String pk = String.format("k%02d", i);
      cluster.putItem(hashS, Item.newBuilder().putAllAttributes(key(pk))
          .putAttributes("v", AttributeValue.newBuilder().setS(filler).build()).build(), false).get();
      keys.append(i == 0 ? "" : ",").append("{\"pk\": {\"S\": \"").append(pk).append("\"}}");
    }
    long itemSize = ItemSize.of(cluster.storedItem("hash_s", key("k00")).orElseThrow());
    int fit = (int) (BatchGetApi.MAX_RESPONSE_BYTES / itemSize);

    ObjectNode out = call("BatchGetItem", "{\"RequestItems\": {\"hash_s\": {\"Keys\": [" + keys + "]}}}");
    assertThat(out.get("Responses").get("hash_s")).hasSize(fit);
    JsonNode unprocessed = out.get("UnprocessedKeys").get("hash_s").get("Keys");
    assertThat(unprocessed).hasSize(count - fit);
    assertThat(unprocessed.get(0)).isEqualTo(JSON.readTree(String.format("{\"pk\": {\"S\": \"k%02d\"}}", fit)));

    ObjectNode retry = JSON.createObjectNode();
    retry.set("RequestItems", out.get("UnprocessedKeys"));
    ObjectNode rest = call("BatchGetItem", retry);
    assertThat(rest.get("Responses").get("hash_s")).hasSize(count - fit);
    assertThat(rest.get("UnprocessedKeys")).isEmpty();
  }

  @Test
  void anItemOver400KibibytesFailsTheBatchBeforeAnyWrite() throws Exception {
    int atLimit = (int) ItemSize.MAX_BYTES - "pk".length() - "b".length() - "v".length();
    String body = "{\"RequestItems\": {\"hash_s\": [{\"PutRequest\": {\"Item\": {\"pk\": {\"S\": \"a\"}}}},"
        + "{\"PutRequest\": {\"Item\": {\"pk\": {\"S\": \"b\"}, \"v\": {\"S\": \"%s\"}}}}]}}";
    call("BatchWriteItem", String.format(body, "x".repeat(atLimit)));
    assertThat(cluster.mutations()).isEqualTo(2);

    assertThatThrownBy(() -> call("BatchWriteItem", String.format(body, "x".repeat(atLimit + 1))))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(DynamoException.class)
        .hasMessage("Item size has exceeded the maximum allowed size");
    assertThat(cluster.mutations()).isEqualTo(2);
  }
}
