package io.shoal.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ScalarType;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.testing.FakeCluster;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the API layer hands the cluster for conditional writes ({@link Cluster.Expression}): the client's text and
 * the request's whole name/value maps with numbers normalized, and null for an absent expression. The storage
 * nodes re-parse exactly this, so it is the contract between router and nodes.
 */
class ConditionalWriteContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private FakeCluster cluster;
  private Dispatcher dispatcher;

  @BeforeEach
  void setUp() {
    cluster = new FakeCluster();
    cluster.addTable("hash_s", "pk", ScalarType.S, null, null);
    dispatcher = Dispatcher.forCluster(cluster);
  }

  private ObjectNode call(String op, String body) throws Exception {
    return dispatcher.resolve("DynamoDB_20120810." + op)
        .handle(new RequestContext(null), (ObjectNode) JSON.readTree(body)).get();
  }

  @Test
  void conditionalPutPassesTextAndNormalizedValues() throws Exception {
    call("PutItem", "{\"TableName\": \"hash_s\", \"Item\": {\"pk\": {\"S\": \"a\"}},"
        + " \"ConditionExpression\": \"attribute_not_exists(#k) OR #v = :v\","
        + " \"ExpressionAttributeNames\": {\"#k\": \"pk\", \"#v\": \"v\"},"
        + " \"ExpressionAttributeValues\": {\":v\": {\"N\": \"01.50\"}}}");
    assertThat(cluster.expressionsSeen()).containsExactly(new Cluster.Expression(
        "attribute_not_exists(#k) OR #v = :v", Map.of("#k", "pk", "#v", "v"),
        Map.of(":v", AttributeValue.newBuilder().setN("1.5").build())));
    assertThat(cluster.conditionalCalls()).containsExactly("put attribute_not_exists(#k) OR #v = :v");
  }

  @Test
  void unconditionalPutDoesNotUseTheConditionalPath() throws Exception {
    call("PutItem", "{\"TableName\": \"hash_s\", \"Item\": {\"pk\": {\"S\": \"a\"}}}");
    call("DeleteItem", "{\"TableName\": \"hash_s\", \"Key\": {\"pk\": {\"S\": \"a\"}}}");
    assertThat(cluster.conditionalCalls()).isEmpty();
    assertThat(cluster.mutations()).isEqualTo(2);
  }

  @Test
  void updateWithoutConditionPassesNullCondition() throws Exception {
    call("UpdateItem", "{\"TableName\": \"hash_s\", \"Key\": {\"pk\": {\"S\": \"a\"}},"
        + " \"UpdateExpression\": \"SET n = :n\", \"ExpressionAttributeValues\": {\":n\": {\"N\": \"1e2\"}}}");
    assertThat(cluster.conditionalCalls()).containsExactly("update - | SET n = :n");
    assertThat(cluster.expressionsSeen()).containsExactly(new Cluster.Expression("SET n = :n", Map.of(),
        Map.of(":n", AttributeValue.newBuilder().setN("100").build())));
  }

  @Test
  void updateWithOnlyAConditionPassesNullUpdate() throws Exception {
    call("UpdateItem", "{\"TableName\": \"hash_s\", \"Key\": {\"pk\": {\"S\": \"a\"}},"
        + " \"ConditionExpression\": \"attribute_not_exists(pk)\"}");
    assertThat(cluster.conditionalCalls()).containsExactly("update attribute_not_exists(pk) | -");
    assertThat(cluster.storedItem("hash_s", Map.of("pk", AttributeValue.newBuilder().setS("a").build())))
        .isPresent();
  }
}
