package io.shoal.router.api;

import io.shoal.core.capacity.CapacityUnits;
import io.shoal.core.index.IndexKeyCheck;
import io.shoal.core.item.ItemSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionKind;
import io.shoal.core.expression.Expressions;
import io.shoal.core.expression.Projection;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** PutItem, GetItem and DeleteItem: single-item reads and writes by primary key. */
public final class ItemsApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> CONDITION_ONLY = List.of("ConditionExpression");
  /** ConditionalOperator counts as a non-expression parameter too (a conformance suite run against DynamoDB). */
  private static final List<String> LEGACY_CONDITION = List.of("Expected", "ConditionalOperator");

  /** Item operations do not name the table (dynalite test/putItem.js assertNotFound, getItem.js). */
  static final String RESOURCE_NOT_FOUND = "Requested resource not found";
  static final String ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size";
  /** dynalite validations/putItem.js and test/putItem.js "incorrect ReturnValues". */
  static final String RETURN_VALUES_PUT_DELETE = "ReturnValues can only be ALL_OLD or NONE";

  // Enum sets as DynamoDB lists them in constraint messages (dynalite test/putItem.js).
  static final List<String> RETURN_CONSUMED_CAPACITY = List.of("INDEXES", "TOTAL", "NONE");
  static final List<String> RETURN_VALUES = List.of("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW");
  static final List<String> RETURN_ITEM_COLLECTION_METRICS = List.of("SIZE", "NONE");
  static final List<String> CONDITIONAL_OPERATOR = List.of("OR", "AND");
  static final List<String> RETURN_VALUES_ON_CONDITION_CHECK_FAILURE = List.of("ALL_OLD", "NONE");

  private final Cluster cluster;
  private final Expressions expressions;

  public ItemsApi(Cluster cluster) {
    this(cluster, new Expressions());
  }

  public ItemsApi(Cluster cluster, Expressions expressions) {
    this.cluster = Objects.requireNonNull(cluster);
    this.expressions = Objects.requireNonNull(expressions);
  }

  // ---------------------------------------------------------------------------------------------
  // PutItem
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> putItem(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types.
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    String tableName = RequestFields.string(body, "TableName");
    ObjectNode itemJson = RequestFields.map(body, "Item", "AttributeValue");
    AttributeJson.checkMapShape(itemJson);
    String conditionalOperator = RequestFields.string(body, "ConditionalOperator");
    checkExpectedShape(body);
    String returnValues = RequestFields.string(body, "ReturnValues");
    String metrics = RequestFields.string(body, "ReturnItemCollectionMetrics");
    checkExpressionShapes(body, "ConditionExpression");
    String onConditionFailure = RequestFields.string(body, "ReturnValuesOnConditionCheckFailure");

    // Stage 2: member constraints (order of dynalite validations/putItem.js).
    Constraints c = new Constraints()
        .oneOf("returnConsumedCapacity", consumed, RETURN_CONSUMED_CAPACITY)
        .name("tableName", tableName, true)
        .notNull("item", itemJson)
        .oneOf("conditionalOperator", conditionalOperator, CONDITIONAL_OPERATOR);
    LegacyConditions.expectedConstraints(c, expected(body));
    c.oneOf("returnValues", returnValues, RETURN_VALUES)
        .oneOf("returnItemCollectionMetrics", metrics, RETURN_ITEM_COLLECTION_METRICS)
        .oneOf("returnValuesOnConditionCheckFailure", onConditionFailure, RETURN_VALUES_ON_CONDITION_CHECK_FAILURE)
        .throwIfAny();

    // Stage 3: values and cross-member rules (order of dynalite validations/putItem.js custom()).
    ExpressionRequests.checkParams(body, CONDITION_ONLY, LEGACY_CONDITION);
    LegacyConditions.checkConditionalOperator(conditionalOperator, expected(body));
    Item item = AttributeJson.readItem(itemJson);
    if (returnValues != null && !returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
      throw DynamoException.validation(RETURN_VALUES_PUT_DELETE);
    }
    rejectUnsupportedWriteOptions(body, consumed, metrics);
    Cluster.Expression condition = conditionExpression(body, conditionalOperator);
    boolean returnOld = "ALL_OLD".equals(returnValues);
    boolean oldOnFailure = "ALL_OLD".equals(onConditionFailure);

    // Stage 4: the table.
    return table(tableName).thenCompose(table -> {
      KeyRules.checkItem(table, item.getAttributesMap());
      // The storage group refuses it too; checking here spares the round trip (same text).
      String indexViolation = IndexKeyCheck.violation(table.getIndexesList(), item);
      if (indexViolation != null) {
        throw DynamoException.validation(indexViolation);
      }
      if (ItemSize.of(item) > ItemSize.MAX_BYTES) {
        // Text from live DynamoDB responses quoted in client issues (e.g. aws-sdk users' PutItem errors).
        throw DynamoException.validation(ITEM_TOO_LARGE);
      }
      if (condition == null && !ConsumedCapacity.wanted(consumed)) {
        return cluster.putItem(table, item, returnOld).thenApply(old -> ItemCollections.addTo(
            withAttributes(returnOld ? old : Optional.empty()), metrics, table, item.getAttributesMap()));
      }
      return ExpressionRequests.onConditionFailure(cluster.putItem(table, item, condition), oldOnFailure)
          .thenApply(o -> ItemCollections.addTo(written(o, returnOld, consumed, table, item), metrics, table,
              item.getAttributesMap()));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // GetItem
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> getItem(RequestContext ctx, ObjectNode body) {
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    ArrayNode attributesToGet = RequestFields.list(body, "AttributesToGet");
    if (attributesToGet != null) {
      attributesToGet.forEach(RequestFields::asString);
    }
    String tableName = RequestFields.string(body, "TableName");
    ObjectNode keyJson = RequestFields.map(body, "Key", "AttributeValue");
    AttributeJson.checkMapShape(keyJson);
    Boolean consistentRead = RequestFields.bool(body, "ConsistentRead");
    RequestFields.string(body, "ProjectionExpression");
    checkNamesShape(body);

    Constraints c = new Constraints()
        .oneOf("returnConsumedCapacity", consumed, RETURN_CONSUMED_CAPACITY);
    if (attributesToGet != null) {
      String rendered = attributesToGet.toString();
      c.sizeAtLeast("attributesToGet", attributesToGet.size(), rendered, 1);
      c.sizeAtMost("attributesToGet", attributesToGet.size(), rendered, 255);
    }
    c.name("tableName", tableName, true).notNull("key", keyJson).throwIfAny();

    // dynalite validations/getItem.js custom(): validateExpressionParams(data, ['ProjectionExpression'],
    // ['AttributesToGet']) first.
    ExpressionRequests.checkParams(body, List.of("ProjectionExpression"), List.of("AttributesToGet"));
    Map<String, AttributeValue> key = AttributeJson.readAttributeMap(keyJson);
    List<String> toGet = attributesToGet(attributesToGet);
    Projection projection = toGet != null ? legacyProjection(expressions, toGet) : projection(expressions, body);

    boolean consistent = Boolean.TRUE.equals(consistentRead);
    return table(tableName).thenCompose(table ->
        cluster.getItem(table, KeyRules.checkKey(table, key), consistent)
    ).thenApply(found -> {
      ObjectNode out = NODES.objectNode();
      // An existing item whose projected paths are all missing comes back as "Item": {} (our reading of
      // DynamoDB's behaviour; not yet confirmed against a recorded response).
      found.map(i -> projection == null ? i : projection.apply(i))
          .ifPresent(i -> out.set("Item", ItemJson.node(i)));
      // Reads are charged on the whole stored item, whatever the projection returns.
      return ConsumedCapacity.addTo(out, consumed, tableName,
          CapacityUnits.read(found.map(ItemSize::of).orElse(0L), consistent));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // DeleteItem
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> deleteItem(RequestContext ctx, ObjectNode body) {
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    String tableName = RequestFields.string(body, "TableName");
    String returnValues = RequestFields.string(body, "ReturnValues");
    String metrics = RequestFields.string(body, "ReturnItemCollectionMetrics");
    ObjectNode keyJson = RequestFields.map(body, "Key", "AttributeValue");
    AttributeJson.checkMapShape(keyJson);
    String conditionalOperator = RequestFields.string(body, "ConditionalOperator");
    checkExpectedShape(body);
    checkExpressionShapes(body, "ConditionExpression");
    String onConditionFailure = RequestFields.string(body, "ReturnValuesOnConditionCheckFailure");

    // Order of dynalite validations/deleteItem.js.
    Constraints dc = new Constraints()
        .oneOf("returnConsumedCapacity", consumed, RETURN_CONSUMED_CAPACITY)
        .name("tableName", tableName, true)
        .oneOf("returnValues", returnValues, RETURN_VALUES)
        .oneOf("returnItemCollectionMetrics", metrics, RETURN_ITEM_COLLECTION_METRICS)
        .notNull("key", keyJson)
        .oneOf("conditionalOperator", conditionalOperator, CONDITIONAL_OPERATOR);
    LegacyConditions.expectedConstraints(dc, expected(body));
    dc.oneOf("returnValuesOnConditionCheckFailure", onConditionFailure, RETURN_VALUES_ON_CONDITION_CHECK_FAILURE)
        .throwIfAny();

    // dynalite validations/deleteItem.js custom(): expression parameters first, then the key's values.
    ExpressionRequests.checkParams(body, CONDITION_ONLY, LEGACY_CONDITION);
    LegacyConditions.checkConditionalOperator(conditionalOperator, expected(body));
    Map<String, AttributeValue> key = AttributeJson.readAttributeMap(keyJson);
    // Checked for PutItem in dynalite's tests; DeleteItem takes the same two values (API reference), and
    // we assume the same text.
    if (returnValues != null && !returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
      throw DynamoException.validation(RETURN_VALUES_PUT_DELETE);
    }
    rejectUnsupportedWriteOptions(body, consumed, metrics);
    Cluster.Expression condition = conditionExpression(body, conditionalOperator);
    boolean returnOld = "ALL_OLD".equals(returnValues);
    boolean oldOnFailure = "ALL_OLD".equals(onConditionFailure);

    return table(tableName).thenCompose(table -> {
      Map<String, AttributeValue> checked = KeyRules.checkKey(table, key);
      if (condition == null && !ConsumedCapacity.wanted(consumed)) {
        return cluster.deleteItem(table, checked, returnOld).thenApply(old -> ItemCollections.addTo(
            withAttributes(returnOld ? old : Optional.empty()), metrics, table, checked));
      }
      return ExpressionRequests.onConditionFailure(cluster.deleteItem(table, checked, condition), oldOnFailure)
          .thenApply(o -> ItemCollections.addTo(written(o, returnOld, consumed, table, null), metrics, table,
              checked));
    });
  }

  /** A PutItem or DeleteItem response from the write's outcome: the old item if asked, and consumed capacity. */
  private static ObjectNode written(Cluster.WriteOutcome o, boolean returnOld, String consumed, TableInfo table,
      Item after) {
    ObjectNode out = withAttributes(returnOld ? o.oldItem() : Optional.empty());
    return ConsumedCapacity.addWrite(out, consumed, table, CapacityUnits.write(o.oldSize(), o.newSize()),
        o.oldItem().orElse(null), after);
  }

  // ---------------------------------------------------------------------------------------------
  // Shared pieces
  // ---------------------------------------------------------------------------------------------

  /** The table if it exists and is usable; a table being deleted is "not found", as in DynamoDB. */
  CompletableFuture<TableInfo> table(String name) {
    return table(cluster, name);
  }

  /** {@link #table(String)} for handlers that do not hold an ItemsApi (the batch operations). */
  static CompletableFuture<TableInfo> table(Cluster cluster, String name) {
    return cluster.resolveTable(name).thenApply(t -> {
      if (t.isEmpty() || t.get().getStatus() == TableInfo.Status.DELETING) {
        throw DynamoException.resourceNotFound(RESOURCE_NOT_FOUND);
      }
      return t.get();
    });
  }

  static ObjectNode withAttributes(Optional<Item> old) {
    ObjectNode out = NODES.objectNode();
    old.ifPresent(i -> out.set("Attributes", AttributeJson.itemToJson(i)));
    return out;
  }

  /** The write options Shoal does not serve yet. */
  static void rejectUnsupportedWriteOptions(ObjectNode body, String consumed, String metrics) {
    // ReturnItemCollectionMetrics SIZE is accepted: DynamoDB returns ItemCollectionMetrics only for tables with
    // local secondary indexes (ItemCollections).
  }

  /**
   * Parses and checks the request's ConditionExpression with its names and values (all of them must be used), or
   * translates its legacy Expected map (with ConditionalOperator); null when the request has neither. Errors are the
   * expression module's, which are DynamoDB's texts. The two never come together (checkParams refuses that).
   */
  Cluster.Expression conditionExpression(ObjectNode body, String conditionalOperator) {
    LegacyExpressions.Translated legacy =
        LegacyExpressions.condition(LegacyExpected.read(expected(body)), conditionalOperator);
    if (legacy != null) {
      // Parsed here as any ConditionExpression is, so a translation the expression module refuses (the 4 KB limit)
      // never reaches the cluster.
      ExpressionRequests.parse(
          () -> expressions.condition(ExpressionKind.CONDITION, legacy.text(), legacy.attributes()));
      return legacy.forCluster();
    }
    String text = RequestFields.string(body, "ConditionExpression");
    Map<String, String> names = ExpressionRequests.names(body);
    Map<String, AttributeValue> values = ExpressionRequests.values(body);
    ExpressionAttributes attrs = ExpressionRequests.attributes(names, values);
    if (text == null) {
      return null;
    }
    ExpressionRequests.parse(() -> expressions.condition(ExpressionKind.CONDITION, text, attrs));
    ExpressionRequests.checkAllUsed(attrs);
    return ExpressionRequests.forCluster(text, names, values);
  }

  /**
   * The request's ProjectionExpression resolved against its ExpressionAttributeNames (a projection takes no
   * values), or null when there is none.
   */
  static Projection projection(Expressions expressions, ObjectNode body) {
    String text = RequestFields.string(body, "ProjectionExpression");
    Map<String, String> names = ExpressionRequests.names(body);
    ExpressionAttributes attrs = ExpressionRequests.attributes(names, null);
    if (text == null) {
      return null;
    }
    Projection p = ExpressionRequests.parse(() -> expressions.projection(text, attrs));
    ExpressionRequests.checkAllUsed(attrs);
    return p;
  }

  /**
   * AttributesToGet as names, or null when absent; a name given twice is refused (dynalite validations/getItem.js,
   * query.js and scan.js custom(): "Duplicate value in attribute name").
   */
  static List<String> attributesToGet(ArrayNode list) {
    if (list == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : list) {
      if (names.contains(n.textValue())) {
        throw DynamoException.validation(
            LegacyConditions.INVALID + "Duplicate value in attribute name: " + n.textValue());
      }
      names.add(n.textValue());
    }
    return names;
  }

  /** AttributesToGet as a projection of top-level attributes (names taken literally, never as paths). */
  static Projection legacyProjection(Expressions expressions, List<String> attributesToGet) {
    LegacyExpressions.Translated t = LegacyExpressions.projection(attributesToGet);
    return ExpressionRequests.parse(() -> expressions.projection(t.text(), t.attributes()));
  }

  /** JSON types of the legacy Expected map, so a malformed one is a SerializationException as in DynamoDB. */
  static void checkExpectedShape(ObjectNode body) {
    LegacyConditions.checkShape(expected(body), true);
  }


  static void checkExpressionShapes(ObjectNode body, String expressionMember) {
    RequestFields.string(body, expressionMember);
    checkNamesShape(body);
    AttributeJson.checkMapShape(RequestFields.map(body, "ExpressionAttributeValues", "AttributeValue"));
  }

  private static void checkNamesShape(ObjectNode body) {
    ObjectNode names = RequestFields.map(body, "ExpressionAttributeNames", "java.lang.String");
    if (names != null) {
      names.elements().forEachRemaining(RequestFields::asString);
    }
  }

  /** The legacy Expected map (values are ExpectedAttributeValue structures), or null when absent. */
  private static ObjectNode expected(ObjectNode body) {
    return RequestFields.map(body, "Expected", "ExpectedAttributeValue");
  }
}
