package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.AttributeValue;
import io.shoal.router.api.LegacyConditions.Condition;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy {@code Expected} map of PutItem, DeleteItem and UpdateItem, checked and reduced to the condition form
 * of {@link LegacyConditions}: {@code {"Value": v}} / {@code {"Exists": true, "Value": v}} is EQ v, {@code
 * {"Exists": false}} is NULL, and {@code {"ComparisonOperator": OP, "AttributeValueList": [...]}} is itself (a lone
 * {@code Value} may stand in for a one-element list; DynamoDB accepts that, as dynalite's validations/index.js
 * does).
 *
 * <p>Checks and their order per attribute are dynalite's validations/index.js validateAttributeConditions (the
 * version that checks Value with AttributeValueList first). DynamoDB reports each inside the "1 validation error
 * detected: " envelope: a conformance suite run against DynamoDB (paritysuite/dynamodb-conformance, DeleteItem
 * "every malformed Expected condition", "as PutItem and UpdateItem do"), and Floci issue 2126 (a matrix verified
 * against DynamoDB). dynalite's older tests show them bare.
 */
final class LegacyExpected {
  private static final String ENVELOPE = Constraints.ONE_ERROR;
  private static final String INVALID = ENVELOPE + LegacyConditions.INVALID;

  private LegacyExpected() {}

  /** The conditions in request order; empty when the map is absent or empty. */
  static Map<String, Condition> read(ObjectNode expected) {
    Map<String, Condition> out = new LinkedHashMap<>();
    if (expected == null) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) expected::fields) {
      out.put(e.getKey(), one(e.getKey(), RequestFields.valueStructure(e.getValue(), "ExpectedAttributeValue")));
    }
    return out;
  }

  private static Condition one(String attribute, ObjectNode c) {
    boolean hasOperator = c != null && !RequestFields.absent(c, "ComparisonOperator");
    boolean hasList = c != null && !RequestFields.absent(c, "AttributeValueList");
    boolean hasValue = c != null && !RequestFields.absent(c, "Value");
    Boolean exists = c == null ? null : RequestFields.bool(c, "Exists");
    String suffix = " for Attribute: " + attribute;
    if (hasList && hasValue) {
      throw DynamoException.validation(INVALID + "Value and AttributeValueList cannot be used together" + suffix);
    }
    if (hasOperator) {
      if (exists != null) {
        throw DynamoException.validation(INVALID + "Exists and ComparisonOperator cannot be used together" + suffix);
      }
      String op = RequestFields.string(c, "ComparisonOperator");
      if (!op.equals("NULL") && !op.equals("NOT_NULL") && !hasList && !hasValue) {
        throw DynamoException.validation(
            INVALID + "Value or AttributeValueList must be used with ComparisonOperator: " + op + suffix);
      }
      List<AttributeValue> values = new ArrayList<>();
      if (hasList) {
        ArrayNode list = RequestFields.list(c, "AttributeValueList");
        list.forEach(v -> values.add(AttributeJson.readValue(v)));
      } else if (hasValue) {
        values.add(AttributeJson.readValue(c.get("Value")));
      }
      // The operand rules of QueryFilter/ScanFilter (dynalite validateConditions); dynalite checks only arity for
      // Expected, we assume DynamoDB shares one validator for both (the texts name no parameter).
      LegacyConditions.checkValues(op, values, ENVELOPE);
      return new Condition(op, List.copyOf(values));
    }
    if (hasList) {
      throw DynamoException.validation(
          INVALID + "AttributeValueList can only be used with a ComparisonOperator" + suffix);
    }
    boolean mustExist = exists == null || exists;
    if (mustExist && !hasValue) {
      throw DynamoException.validation(
          INVALID + "Value must be provided when Exists is " + (exists == null ? "null" : "true") + suffix);
    }
    if (!mustExist && hasValue) {
      throw DynamoException.validation(INVALID + "Value cannot be used when Exists is false" + suffix);
    }
    return mustExist ? new Condition("EQ", List.of(AttributeJson.readValue(c.get("Value"))))
        : new Condition("NULL", List.of());
  }
}
