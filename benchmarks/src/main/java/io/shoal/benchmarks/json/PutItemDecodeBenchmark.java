package io.shoal.benchmarks.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.benchmarks.SampleItems;
import io.shoal.proto.Item;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.RequestFields;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A PutItem request body with a 1 KB item (S, N, B, BOOL, SS, L, M) decoded into the protobuf item, the way
 * {@code ItemsApi.putItem} does: Jackson's tree, the JSON-type pass ({@code checkMapShape}) and the value pass
 * ({@code readItem}, which canonicalises numbers and decodes base64).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PutItemDecodeBenchmark {
  /** Distinct bodies cycled through (a power of two), so no result can be hoisted out of the loop. */
  static final int BODIES = 16;

  public byte[][] bodies;
  public JsonNode[] trees;
  public int next;

  @Setup
  public void setup() throws IOException {
    bodies = new byte[BODIES][];
    trees = new JsonNode[BODIES];
    for (int i = 0; i < BODIES; i++) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("TableName", SampleItems.TABLE.getName());
      body.set("Item", AttributeJson.itemToJson(SampleItems.item(i)));
      body.put("ReturnValues", "NONE");
      bodies[i] = ApiJson.MAPPER.writeValueAsBytes(body);
      trees[i] = ApiJson.MAPPER.readTree(bodies[i]);
    }
  }

  /** Body bytes to item: the whole decoding cost of a PutItem on the router. */
  @Benchmark
  public Item bodyToItem() throws IOException {
    JsonNode body = ApiJson.MAPPER.readTree(bodies[next++ & (BODIES - 1)]);
    return treeToItem((ObjectNode) body);
  }

  /** The JSON tree to item: Shoal's own part, without Jackson's parsing. */
  @Benchmark
  public Item treeToItem() {
    return treeToItem((ObjectNode) trees[next++ & (BODIES - 1)]);
  }

  private static Item treeToItem(ObjectNode body) {
    ObjectNode itemJson = RequestFields.map(body, "Item", "AttributeValue");
    AttributeJson.checkMapShape(itemJson);
    return AttributeJson.readItem(itemJson);
  }
}
