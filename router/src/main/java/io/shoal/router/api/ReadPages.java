package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.capacity.CapacityUnits;
import io.shoal.core.expression.Projection;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.ItemJson;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pieces Query and Scan share: request checks, the start key, and the response of one page. */
final class ReadPages {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INVALID = "One or more parameter values were invalid: ";

  private ReadPages() {}

  /** FilterExpression and ProjectionExpression of a request, either null when absent. */
  record ReadExpressions(io.shoal.core.expression.Condition filter, Projection projection) {}

  /**
   * The response for one page: the filter runs after the read (developer guide, "Filter expressions for Query":
   * "applied after a Query finishes, but before the results are returned"), so Count is the items that pass it,
   * ScannedCount the items read, and LastEvaluatedKey the read's.
   */
  static ObjectNode response(Cluster.Page page, boolean countOnly, ReadExpressions ex) {
    List<Item> passed = new ArrayList<>();
    for (Item item : page.items()) {
      if (ex.filter() == null || ex.filter().evaluate(item)) {
        passed.add(item);
      }
    }
    ObjectNode out = NODES.objectNode();
    if (!countOnly) {
      ArrayNode items = out.putArray("Items");
      for (Item item : passed) {
        items.add(ItemJson.node(ex.projection() == null ? item : ex.projection().apply(item)));
      }
    }
    out.put("Count", passed.size());
    out.put("ScannedCount", page.items().size());
    page.lastEvaluatedKey().ifPresent(k -> out.set("LastEvaluatedKey", AttributeJson.attributesToJson(k)));
    return out;
  }

  /**
   * Read capacity of a Query or Scan page: the sizes of every item read, filtered out or not, summed and then
   * rounded up to 4 KB once (developer guide, "DynamoDB read and write operations").
   */
  static ObjectNode withCapacity(ObjectNode out, Cluster.Page page, String consumed, String table,
      boolean consistent) {
    if (!ConsumedCapacity.wanted(consumed)) {
      return out;
    }
    long bytes = 0;
    for (Item item : page.items()) {
      bytes += ItemSize.of(item);
    }
    return ConsumedCapacity.addTo(out, consumed, table, CapacityUnits.read(bytes, consistent));
  }

  static int pageLimit(Long limit) {
    return limit == null ? 0 : (int) Math.min(limit, Integer.MAX_VALUE);
  }

  /**
   * The start key's values. A bad value is reported with the prefix "The provided starting key is invalid: " for
   * the texts dynalite's tests show with it; the others (number errors, empty number set, duplicates) come bare,
   * as in those tests.
   */
  static Map<String, AttributeValue> readStartKey(ObjectNode json) {
    try {
      return AttributeJson.readAttributeMap(json);
    } catch (DynamoException e) {
      String m = e.getMessage();
      boolean prefixed = m.startsWith("Supplied AttributeValue")
          || m.equals(INVALID + "Null attribute value types must have the value of true")
          || m.equals(INVALID + "An string set  may not be empty")
          || m.equals(INVALID + "Binary sets should not be empty");
      if (prefixed) {
        throw DynamoException.validation(QueryScanApi.START_KEY_INVALID + ": " + m);
      }
      throw e;
    }
  }

  /** Key-schema checks of a start key (types, empty and oversized keys), prefixed as dynalite does. */
  static Map<String, AttributeValue> checkStartKey(TableInfo table, Map<String, AttributeValue> key) {
    try {
      return KeyRules.checkKey(table, key);
    } catch (DynamoException e) {
      throw DynamoException.validation(QueryScanApi.START_KEY_INVALID + ": " + e.getMessage());
    }
  }

  /** dynalite validations/index.js validateExpressionParams (see {@link ExpressionRequests#checkParams}). */
  static void expressionParams(ObjectNode body, List<String> expressions, List<String> nonExpressions) {
    ExpressionRequests.checkParams(body, expressions, nonExpressions);
  }

  /**
   * The Select rules. Texts and envelope from moto's Select tests marked aws_verified (run against DynamoDB): Query,
   * not Scan, wraps each in the "1 validation error detected: " envelope, and COUNT reads "only the Count".
   */
  static void checkSelect(String select, String indexName, ObjectNode body, boolean query) {
    String envelope = query ? Constraints.ONE_ERROR : "";
    if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && indexName == null) {
      throw DynamoException.validation(envelope + QueryScanApi.ALL_PROJECTED_NEEDS_INDEX);
    }
    if ("SPECIFIC_ATTRIBUTES".equals(select) && RequestFields.absent(body, "AttributesToGet")
        && RequestFields.absent(body, "ProjectionExpression")) {
      throw DynamoException.validation(envelope + QueryScanApi.SPECIFIC_NEEDS_PROJECTION);
    }
    // A projection (either form) contradicts Select ALL_ATTRIBUTES or COUNT.
    if ("ALL_ATTRIBUTES".equals(select) || "COUNT".equals(select)) {
      String which = "COUNT".equals(select) ? "only the Count" : select;
      for (String member : List.of("AttributesToGet", "ProjectionExpression")) {
        if (!RequestFields.absent(body, member)) {
          throw DynamoException.validation(
              envelope + "Cannot specify the " + member + " when choosing to get " + which);
        }
      }
    }
  }

  static ArrayNode stringList(ObjectNode body, String name) {
    ArrayNode list = RequestFields.list(body, name);
    if (list != null) {
      list.forEach(RequestFields::asString);
    }
    return list;
  }

  static void attributesToGetSize(Constraints c, ArrayNode attributesToGet) {
    if (attributesToGet != null) {
      String rendered = attributesToGet.toString();
      c.sizeAtLeast("attributesToGet", attributesToGet.size(), rendered, 1);
      c.sizeAtMost("attributesToGet", attributesToGet.size(), rendered, 255);
    }
  }

  static void checkExpressionShapes(ObjectNode body, String... expressionMembers) {
    for (String m : expressionMembers) {
      RequestFields.string(body, m);
    }
    AttributeJson.checkMapShape(RequestFields.map(body, "ExpressionAttributeValues", "AttributeValue"));
    ObjectNode names = RequestFields.map(body, "ExpressionAttributeNames", "java.lang.String");
    if (names != null) {
      names.elements().forEachRemaining(RequestFields::asString);
    }
  }
}
