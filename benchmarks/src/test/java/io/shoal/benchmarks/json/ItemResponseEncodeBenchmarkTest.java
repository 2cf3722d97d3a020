package io.shoal.benchmarks.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.benchmarks.SampleItems;
import io.shoal.router.json.AttributeJson;
import org.junit.jupiter.api.Test;

class ItemResponseEncodeBenchmarkTest {
  @Test
  void writesResponsesThatDecodeBackToTheItems() throws Exception {
    ItemResponseEncodeBenchmark b = new ItemResponseEncodeBenchmark();
    b.setup();

    JsonNode get = ApiJson.MAPPER.readTree(b.getItemResponse());
    assertThat(AttributeJson.readItem(get.get("Item"))).isEqualTo(SampleItems.item(0));

    JsonNode query = ApiJson.MAPPER.readTree(b.queryResponse20());
    assertThat(query.get("Count").asInt()).isEqualTo(20);
    assertThat(query.get("ScannedCount").asInt()).isEqualTo(20);
    assertThat(query.get("Items")).hasSize(20);
    assertThat(AttributeJson.readItem(query.get("Items").get(3))).isEqualTo(b.pages[1].items().get(3));
    assertThat(AttributeJson.readAttributeMap(query.get("LastEvaluatedKey")))
        .isEqualTo(SampleItems.key(b.pages[1].items().get(19)));

    assertThat(b.itemToTree().size()).isEqualTo(SampleItems.ATTRIBUTE_COUNT);
  }

  @Test
  void theTreeVariantsWriteTheSameBytes() throws Exception {
    ItemResponseEncodeBenchmark streamed = new ItemResponseEncodeBenchmark();
    streamed.setup();
    ItemResponseEncodeBenchmark tree = new ItemResponseEncodeBenchmark();
    tree.setup();
    for (int i = 0; i < 8; i++) {
      assertThat(streamed.getItemResponse()).isEqualTo(tree.getItemResponseTree());
      assertThat(streamed.queryResponse20()).isEqualTo(tree.queryResponse20Tree());
    }
  }
}
