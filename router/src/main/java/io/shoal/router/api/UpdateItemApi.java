package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.capacity.CapacityUnits;
import io.shoal.core.expression.Condition;
import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionKind;
import io.shoal.core.expression.Expressions;
import io.shoal.core.expression.Update;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.CoralType;
import io.shoal.router.json.RequestFields;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * UpdateItem: changes attributes of one item in place (creating it if absent), with an optional condition.
 *
 * <p>Validation follows dynalite validations/updateItem.js (member order of its {@code types}, then its
 * {@code custom()}), texts from its test/updateItem.js (written against DynamoDB) unless marked. The update and the
 * condition are parsed here, so a bad expression never reaches the cluster; the storage group evaluates them again
 * against the committed item, atomically with the write.
 *
 * <p>The legacy AttributeUpdates and Expected parameters are translated into an UpdateExpression and a
 * ConditionExpression ({@link LegacyExpressions}) and take the same path.
 */
public final class UpdateItemApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INVALID = "One or more parameter values were invalid: ";
  /** core's Update.WRONG_TYPE, as the storage group reports it. */
  private static final String INCORRECT_OPERAND = "An operand in the update expression has an incorrect data type";

  private final Cluster cluster;
  private final Expressions expressions;
  private final ItemsApi items;

  public UpdateItemApi(Cluster cluster) {
    this(cluster, new Expressions());
  }

  public UpdateItemApi(Cluster cluster, Expressions expressions) {
    this.cluster = Objects.requireNonNull(cluster);
    this.expressions = Objects.requireNonNull(expressions);
    this.items = new ItemsApi(cluster, expressions);
  }

  /** The parsed expressions of one request; either may be null. */
  private record Parsed(Update update, Cluster.Expression updateExpr, Cluster.Expression conditionExpr) {}

  public CompletableFuture<ObjectNode> updateItem(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types, in the member order of dynalite validations/updateItem.js.
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    String tableName = RequestFields.string(body, "TableName");
    String metrics = RequestFields.string(body, "ReturnItemCollectionMetrics");
    String returnValues = RequestFields.string(body, "ReturnValues");
    ObjectNode keyJson = RequestFields.map(body, "Key", "AttributeValue");
    AttributeJson.checkMapShape(keyJson);
    String conditionalOperator = RequestFields.string(body, "ConditionalOperator");
    ItemsApi.checkExpectedShape(body);
    checkAttributeUpdatesShape(body);
    RequestFields.string(body, "UpdateExpression");
    ItemsApi.checkExpressionShapes(body, "ConditionExpression");
    String onConditionFailure = RequestFields.string(body, "ReturnValuesOnConditionCheckFailure");

    // Stage 2: member constraints.
    ObjectNode expected = RequestFields.map(body, "Expected", "ExpectedAttributeValue");
    ObjectNode attributeUpdates = RequestFields.map(body, "AttributeUpdates", "AttributeValueUpdate");
    Constraints c = new Constraints()
        .oneOf("returnConsumedCapacity", consumed, ItemsApi.RETURN_CONSUMED_CAPACITY)
        .name("tableName", tableName, true)
        .oneOf("returnItemCollectionMetrics", metrics, ItemsApi.RETURN_ITEM_COLLECTION_METRICS)
        .oneOf("returnValues", returnValues, ItemsApi.RETURN_VALUES)
        .notNull("key", keyJson)
        .oneOf("conditionalOperator", conditionalOperator, ItemsApi.CONDITIONAL_OPERATOR);
    LegacyConditions.expectedConstraints(c, expected);
    LegacyAttributeUpdates.constraints(c, attributeUpdates);
    c.oneOf("returnValuesOnConditionCheckFailure", onConditionFailure,
            ItemsApi.RETURN_VALUES_ON_CONDITION_CHECK_FAILURE)
        .throwIfAny();

    // Stage 3: cross-member rules (dynalite validations/updateItem.js custom(), in its order).
    ExpressionRequests.checkParams(body, List.of("UpdateExpression", "ConditionExpression"),
        List.of("AttributeUpdates", "Expected", "ConditionalOperator"));
    LegacyConditions.checkConditionalOperator(conditionalOperator, expected);
    Map<String, AttributeValue> key = AttributeJson.readAttributeMap(keyJson);
    List<LegacyExpressions.AttributeUpdate> legacyUpdates = LegacyAttributeUpdates.read(attributeUpdates);
    ItemsApi.rejectUnsupportedWriteOptions(body, consumed, metrics);
    Parsed parsed = attributeUpdates != null || expected != null
        ? parseLegacy(legacyUpdates, body, conditionalOperator) : parse(body);
    boolean legacy = attributeUpdates != null;
    String rv = returnValues == null ? "NONE" : returnValues;
    boolean oldOnFailure = "ALL_OLD".equals(onConditionFailure);

    // Stage 4: the table and its key schema.
    TableInfo[] resolved = new TableInfo[1];
    return items.table(tableName).thenCompose(table -> {
      resolved[0] = table;
      Map<String, AttributeValue> checked = KeyRules.checkKey(table, key);
      if (parsed.update() != null) {
        for (KeyAttribute k : KeyRules.keyAttributes(table)) {
          if (parsed.update().updatedAttributes().contains(k.getName())) {
            // dynalite test/updateItem.js (AttributeUpdates form) and AWS SDK-based suites quoting DynamoDB for
            // UpdateExpression; moto raises the same text.
            throw DynamoException.validation(
                INVALID + "Cannot update attribute " + k.getName() + ". This attribute is part of the key");
          }
        }
      }
      CompletableFuture<Cluster.WriteOutcome> written = ExpressionRequests.onConditionFailure(
          cluster.updateItem(table, checked, parsed.updateExpr(), parsed.conditionExpr()), oldOnFailure);
      return legacy ? legacyTypeMismatch(written) : written;
    }).thenApply(outcome -> ItemCollections.addTo(ConsumedCapacity.addWrite(response(rv, parsed.update(), outcome),
        consumed, resolved[0], CapacityUnits.write(outcome.oldSize(), outcome.newSize()),
        outcome.oldItem().orElse(null), outcome.newItem().orElse(null)), metrics, resolved[0], key));
  }

  /**
   * Legacy AttributeUpdates (translated) with legacy Expected (translated), or with neither: the request holds no
   * expression parameters (checkParams). The Expected condition is built as PutItem's is.
   */
  private Parsed parseLegacy(List<LegacyExpressions.AttributeUpdate> updates, ObjectNode body,
      String conditionalOperator) {
    LegacyExpressions.Translated u = LegacyExpressions.update(updates);
    Update update = u == null ? null : ExpressionRequests.parse(() -> expressions.update(u.text(), u.attributes()));
    Cluster.Expression condition = items.conditionExpression(body, conditionalOperator);
    return new Parsed(update, u == null ? null : u.forCluster(), condition);
  }

  /**
   * The storage group applies a legacy update as its translated UpdateExpression, whose type error (ADD or DELETE
   * on an attribute of another type, list_append onto a non-list) is the expression's text; a legacy request gets
   * the legacy text for the same failure (dynalite actions/updateItem.js applyAttributeUpdates).
   */
  private static CompletableFuture<Cluster.WriteOutcome> legacyTypeMismatch(
      CompletableFuture<Cluster.WriteOutcome> f) {
    return f.handle((v, t) -> {
      if (t == null) {
        return v;
      }
      Throwable cause = t instanceof CompletionException && t.getCause() != null
          ? t.getCause() : t;
      if (cause instanceof DynamoException d && d.type().endsWith("#ValidationException")
          && INCORRECT_OPERAND.equals(d.getMessage())) {
        throw DynamoException.validation(LegacyAttributeUpdates.TYPE_MISMATCH);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new CompletionException(cause);
    });
  }

  private Parsed parse(ObjectNode body) {
    String updateText = RequestFields.string(body, "UpdateExpression");
    String conditionText = RequestFields.string(body, "ConditionExpression");
    Map<String, String> names = ExpressionRequests.names(body);
    Map<String, AttributeValue> values = ExpressionRequests.values(body);
    ExpressionAttributes attrs = ExpressionRequests.attributes(names, values);
    Update update = updateText == null ? null
        : ExpressionRequests.parse(() -> expressions.update(updateText, attrs));
    Condition condition = conditionText == null ? null
        : ExpressionRequests.parse(() -> expressions.condition(ExpressionKind.CONDITION, conditionText, attrs));
    ExpressionRequests.checkAllUsed(attrs);
    return new Parsed(update,
        update == null ? null : ExpressionRequests.forCluster(updateText, names, values),
        condition == null ? null : ExpressionRequests.forCluster(conditionText, names, values));
  }

  /**
   * ReturnValues (API reference, UpdateItem): ALL_OLD/ALL_NEW the whole item before/after; UPDATED_OLD/UPDATED_NEW
   * only the paths the update wrote, before/after. Nothing when the selected item is absent or empty.
   */
  private static ObjectNode response(String returnValues, Update update, Cluster.WriteOutcome outcome) {
    Optional<Item> selected = switch (returnValues) {
      case "ALL_OLD" -> outcome.oldItem();
      case "ALL_NEW" -> outcome.newItem();
      case "UPDATED_OLD" -> update == null ? Optional.empty() : outcome.oldItem().map(update.updatedPaths()::apply);
      case "UPDATED_NEW" -> update == null ? Optional.empty() : outcome.newItem().map(update.updatedPaths()::apply);
      default -> Optional.empty();
    };
    ObjectNode out = NODES.objectNode();
    selected.filter(i -> i.getAttributesCount() > 0)
        .ifPresent(i -> out.set("Attributes", AttributeJson.itemToJson(i)));
    return out;
  }

  /** JSON types of the legacy AttributeUpdates map (dynalite validations/updateItem.js types). */
  private static void checkAttributeUpdatesShape(ObjectNode body) {
    ObjectNode updates = RequestFields.map(body, "AttributeUpdates", "AttributeValueUpdate");
    if (updates == null) {
      return;
    }
    for (Iterator<JsonNode> it = updates.elements(); it.hasNext(); ) {
      ObjectNode u = RequestFields.valueStructure(it.next(), "AttributeValueUpdate");
      if (u == null) {
        continue;
      }
      RequestFields.string(u, "Action");
      AttributeJson.checkValueShape(u.get("Value"), CoralType.ATTRIBUTE_VALUE_FIELD);
    }
  }
}
