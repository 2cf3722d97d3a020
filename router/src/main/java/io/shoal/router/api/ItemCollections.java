package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.TableInfo;
import io.shoal.router.json.AttributeJson;
import java.util.Map;

/**
 * ItemCollectionMetrics for ReturnItemCollectionMetrics SIZE: DynamoDB returns it only for writes to tables with
 * local secondary indexes (API reference, PutItem/UpdateItem/DeleteItem/BatchWriteItem), naming the item collection
 * by its partition key value with a size estimate in GB. Shoal does not measure item collections, so the estimate
 * is always DynamoDB's smallest range, [0.0, 1.0] (docs/compatibility.md).
 */
final class ItemCollections {
  private ItemCollections() {}

  static boolean wanted(String metrics, TableInfo table) {
    return "SIZE".equals(metrics)
        && table.getIndexesList().stream().anyMatch(i -> i.getKind() == IndexInfo.Kind.LOCAL);
  }

  /** One ItemCollectionMetrics object for the item (or key) written. */
  static ObjectNode metrics(TableInfo table, Map<String, AttributeValue> keyOrItem) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    String hash = table.getHashKey().getName();
    m.set("ItemCollectionKey", AttributeJson.attributesToJson(Map.of(hash, keyOrItem.get(hash))));
    m.putArray("SizeEstimateRangeGB").add(0.0).add(1.0);
    return m;
  }

  /** Sets ItemCollectionMetrics on a single-item write's response when asked and the table has LSIs. */
  static ObjectNode addTo(ObjectNode response, String metrics, TableInfo table, Map<String, AttributeValue> key) {
    if (wanted(metrics, table)) {
      response.set("ItemCollectionMetrics", metrics(table, key));
    }
    return response;
  }
}
