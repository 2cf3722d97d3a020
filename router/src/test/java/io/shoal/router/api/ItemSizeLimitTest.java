package io.shoal.router.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.ScalarType;
import io.shoal.router.error.DynamoException;
import io.shoal.router.testing.FakeCluster;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PutItem's 400 KB limit, names included, checked before anything reaches the cluster. */
class ItemSizeLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private FakeCluster cluster;
  private Dispatcher dispatcher;

  @BeforeEach
  void setUp() {
    cluster = new FakeCluster();
    cluster.addTable("hash_s", "pk", ScalarType.S, null, null);
    dispatcher = Dispatcher.forCluster(cluster);
  }

  private ObjectNode put(String attrName, int valueLength) throws Exception {
    String body = "{\"TableName\": \"hash_s\", \"Item\": {\"pk\": {\"S\": \"a\"}, \"" + attrName + "\": {\"S\": \""
        + "x".repeat(valueLength) + "\"}}}";
    return dispatcher.resolve("DynamoDB_20120810.PutItem")
        .handle(new RequestContext(null), (ObjectNode) JSON.readTree(body)).get();
  }

  @Test
  void anItemOfExactly400KibibytesIsStoredAndOneByteMoreIsRefused() throws Exception {
    int atLimit = (int) ItemSize.MAX_BYTES - "pk".length() - "a".length() - "v".length();
    put("v", atLimit);
    assertThat(cluster.mutations()).isEqualTo(1);
    assertThatThrownBy(() -> put("vv", atLimit)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(DynamoException.class)
        .hasMessageContaining("Item size has exceeded the maximum allowed size");
    assertThat(cluster.mutations()).as("the refused put reached no node").isEqualTo(1);
  }
}
