package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionException;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The request side of expressions, shared by every handler that takes them: the rules about which expression and
 * legacy parameters may appear together, reading ExpressionAttributeNames/Values, turning the expression module's
 * errors into ValidationExceptions, and ReturnValuesOnConditionCheckFailure.
 */
final class ExpressionRequests {
  private ExpressionRequests() {}

  /**
   * dynalite validations/index.js validateExpressionParams, called first in the custom() of putItem.js,
   * deleteItem.js ({@code ['ConditionExpression'], ['Expected']}), updateItem.js ({@code ['UpdateExpression',
   * 'ConditionExpression'], ['AttributeUpdates', 'Expected']}), query.js and scan.js. Texts are those of dynalite's
   * tests (written against DynamoDB), e.g. test/putItem.js "should return ValidationException for ... expression
   * and non-expression parameters".
   */
  static void checkParams(ObjectNode body, List<String> expressions, List<String> nonExpressions) {
    List<String> used = expressions.stream().filter(n -> !RequestFields.absent(body, n)).toList();
    if (!used.isEmpty()) {
      List<String> legacy = new ArrayList<>(nonExpressions);
      if (!RequestFields.absent(body, "KeyConditions") && RequestFields.absent(body, "KeyConditionExpression")) {
        legacy.remove("KeyConditions");
      }
      List<String> legacyUsed = legacy.stream().filter(n -> !RequestFields.absent(body, n)).toList();
      if (!legacyUsed.isEmpty()) {
        throw DynamoException.validation("Can not use both expression and non-expression parameters in the same"
            + " request: Non-expression parameters: {" + String.join(", ", legacyUsed) + "} Expression parameters: {"
            + String.join(", ", used) + "}");
      }
    }
    if (!RequestFields.absent(body, "ExpressionAttributeNames") && used.isEmpty()) {
      throw DynamoException.validation("ExpressionAttributeNames can only be specified when using expressions");
    }
    List<String> valueExpressions = expressions.stream().filter(n -> !n.equals("ProjectionExpression")).toList();
    if (!RequestFields.absent(body, "ExpressionAttributeValues")
        && valueExpressions.stream().allMatch(n -> RequestFields.absent(body, n))) {
      throw DynamoException.validation("ExpressionAttributeValues can only be specified when using expressions: "
          + String.join(" and ", valueExpressions) + (valueExpressions.size() > 1 ? " are" : " is") + " null");
    }
  }

  /** ExpressionAttributeNames, or null when absent. */
  static Map<String, String> names(ObjectNode body) {
    ObjectNode names = RequestFields.map(body, "ExpressionAttributeNames", "java.lang.String");
    if (names == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) names::fields) {
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** ExpressionAttributeValues decoded (numbers normalized), or null when absent. */
  static Map<String, AttributeValue> values(ObjectNode body) {
    ObjectNode values = RequestFields.map(body, "ExpressionAttributeValues", "AttributeValue");
    return values == null ? null : AttributeJson.readAttributeMap(values);
  }

  /** The request's attributes; an empty or badly keyed map is a ValidationException with DynamoDB's text. */
  static ExpressionAttributes attributes(Map<String, String> names, Map<String, AttributeValue> values) {
    return parse(() -> ExpressionAttributes.of(names, values));
  }

  /** Runs a parse/resolve step; the expression module's messages are DynamoDB's, so they pass through as is. */
  static <T> T parse(Supplier<T> step) {
    try {
      return step.get();
    } catch (ExpressionException e) {
      throw DynamoException.validation(e.getMessage());
    }
  }

  static void checkAllUsed(ExpressionAttributes attrs) {
    parse(() -> {
      attrs.checkAllUsed();
      return null;
    });
  }

  /** What the cluster gets: the text and the request's whole maps (empty when absent). */
  static Cluster.Expression forCluster(String text, Map<String, String> names, Map<String, AttributeValue> values) {
    return new Cluster.Expression(text, names == null ? Map.of() : Map.copyOf(names),
        values == null ? Map.of() : Map.copyOf(values));
  }

  /**
   * A failed condition from the cluster carries the current item; DynamoDB returns it only when the request set
   * ReturnValuesOnConditionCheckFailure=ALL_OLD (API reference, PutItem/DeleteItem/UpdateItem: "ALL_OLD ... the
   * item attributes are returned as they appeared before the write"; ConditionalCheckFailedException.Item).
   */
  static <T> CompletableFuture<T> onConditionFailure(CompletableFuture<T> f, boolean returnOldOnFailure) {
    return f.handle((v, t) -> {
      if (t == null) {
        return v;
      }
      Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      if (cause instanceof DynamoException d && d.type().endsWith("#ConditionalCheckFailedException")) {
        Item item = returnOldOnFailure ? d.item().orElse(null) : null;
        throw DynamoException.conditionalCheckFailed(item);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new CompletionException(cause);
    });
  }
}
