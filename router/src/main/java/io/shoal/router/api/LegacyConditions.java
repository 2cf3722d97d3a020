package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeValue;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.CoralType;
import io.shoal.router.json.RequestFields;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy condition maps ({@code KeyConditions}, {@code QueryFilter}, {@code ScanFilter}): {@code {"attr":
 * {"ComparisonOperator": "EQ", "AttributeValueList": [...]}}}.
 *
 * <p>Checks, order and texts are dynalite's validations/index.js {@code validateConditions} and the expected
 * strings of its test/query.js and test/scan.js (written against DynamoDB).
 */
final class LegacyConditions {
  // Model shapes of the condition maps' values, as DynamoDB's SerializationException texts name them.
  private static final String CONDITION = "Condition";
  private static final String EXPECTED = "ExpectedAttributeValue";
  static final String INVALID = "One or more parameter values were invalid: ";
  /** The enum as DynamoDB lists it in constraint messages (dynalite validations/query.js, scan.js). */
  static final List<String> OPERATORS = List.of("IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT",
      "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS");
  static final String BETWEEN_ORDER =
      "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound";

  /** One condition, values decoded. */
  record Condition(String operator, List<AttributeValue> values) {}

  private LegacyConditions() {}

  /** Stage 1: JSON types of a condition map (SerializationException on a wrong type). */
  static void checkShape(ObjectNode conditions) {
    checkShape(conditions, false);
  }

  /**
   * Stage 1 for a condition map; {@code expected} adds the members only the legacy {@code Expected} map has
   * ({@code Exists}, {@code Value}).
   */
  static void checkShape(ObjectNode conditions, boolean expected) {
    if (conditions == null) {
      return;
    }
    for (Iterator<JsonNode> it = conditions.elements(); it.hasNext(); ) {
      ObjectNode condition = RequestFields.valueStructure(it.next(), expected ? EXPECTED : CONDITION);
      if (condition == null) {
        continue;
      }
      ArrayNode list = RequestFields.list(condition, "AttributeValueList");
      if (list != null) {
        list.forEach(AttributeJson::checkValueShape);
      }
      RequestFields.string(condition, "ComparisonOperator");
      if (expected) {
        RequestFields.bool(condition, "Exists");
        AttributeJson.checkValueShape(condition.get("Value"), CoralType.ATTRIBUTE_VALUE_FIELD);
      }
    }
  }

  /**
   * Stage 2: each condition's ComparisonOperator must be present and known. The path is
   * {@code keyConditions.ATTR.member.comparisonOperator}; dynalite walks map keys in reverse order (its
   * validations/index.js notes DynamoDB's order is not the request's).
   */
  static void constraints(Constraints c, String path, ObjectNode conditions) {
    if (conditions == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    conditions.fieldNames().forEachRemaining(names::add);
    for (int i = names.size() - 1; i >= 0; i--) {
      ObjectNode condition = RequestFields.valueStructure(conditions.get(names.get(i)), CONDITION);
      String p = path + "." + names.get(i) + ".member.comparisonOperator";
      String op = condition == null ? null : RequestFields.string(condition, "ComparisonOperator");
      c.notNull(p, op).oneOf(p, op, OPERATORS);
    }
  }

  /**
   * Stage 3: decodes the values and checks arity, types and BETWEEN order (dynalite validateConditions).
   * Returns the conditions in request order; an absent map gives an empty one.
   */
  static Map<String, Condition> read(ObjectNode conditions) {
    Map<String, Condition> out = new LinkedHashMap<>();
    if (conditions == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = conditions.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode condition = RequestFields.valueStructure(e.getValue(), CONDITION);
      String op = RequestFields.string(condition, "ComparisonOperator");
      List<AttributeValue> values = new ArrayList<>();
      ArrayNode list = RequestFields.list(condition, "AttributeValueList");
      if (list != null) {
        list.forEach(v -> values.add(AttributeJson.readValue(v)));
      }
      checkValues(op, values, "");
      out.put(e.getKey(), new Condition(op, List.copyOf(values)));
    }
    return out;
  }

  /**
   * Arity, one type for all values, the types the operator takes, and BETWEEN's order (dynalite validations/index.js
   * validateConditions). {@code envelope} prefixes every text (the Expected map's errors come inside DynamoDB's
   * "1 validation error detected: " envelope; see {@link LegacyExpected}).
   */
  static void checkValues(String op, List<AttributeValue> values, String envelope) {
    if (!arityOk(op, values.size())) {
      throw DynamoException.validation(
          envelope + INVALID + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
    }
    if (!values.isEmpty()) {
      String type = AttributeJson.typeName(values.get(0));
      for (AttributeValue v : values) {
        if (!AttributeJson.typeName(v).equals(type)) {
          throw DynamoException.validation(
              envelope + INVALID + "AttributeValues inside AttributeValueList must be of same type");
        }
      }
    }
    List<String> allowed = allowedTypes(op);
    for (AttributeValue v : values) {
      if (!allowed.contains(AttributeJson.typeName(v))) {
        throw DynamoException.validation(envelope + INVALID + "ComparisonOperator " + op + " is not valid for "
            + AttributeJson.typeName(v) + " AttributeValue type");
      }
    }
    if (op.equals("BETWEEN") && compare(values.get(0), values.get(1)) > 0) {
      throw DynamoException.validation(envelope + BETWEEN_ORDER);
    }
  }

  /**
   * ConditionalOperator needs a condition map with two or more entries to combine; an empty map counts as none.
   * Texts: DynamoDB Local's error codes (COND_OP_WITHOUT_FILTER_OR_EXPECTED, COND_OP_WITH_ONE_ELEMENT) and AWS's DAX
   * client RequestValidator, confirmed by a conformance suite run against DynamoDB (ExtendDB's legacy
   * ConditionalOperator tests): no "1 validation error detected" envelope, checked before the
   * KeyConditions-missing error of Query.
   */
  static void checkConditionalOperator(String conditionalOperator, ObjectNode conditions) {
    if (conditionalOperator == null) {
      return;
    }
    if (conditions == null || conditions.isEmpty()) {
      throw DynamoException.validation("ConditionalOperator cannot be used without Filter or Expected");
    }
    if (conditions.size() == 1) {
      throw DynamoException.validation(
          "ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }
  }

  /**
   * Stage 2 for the Expected map: ComparisonOperator is optional there (the Exists/Value form has none), but when
   * present it must be one of the enum (dynalite validations/putItem.js types: Expected.member.ComparisonOperator).
   */
  static void expectedConstraints(Constraints c, ObjectNode expected) {
    if (expected == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    expected.fieldNames().forEachRemaining(names::add);
    for (int i = names.size() - 1; i >= 0; i--) {
      ObjectNode condition = RequestFields.valueStructure(expected.get(names.get(i)), EXPECTED);
      String op = condition == null ? null : RequestFields.string(condition, "ComparisonOperator");
      c.oneOf("expected." + names.get(i) + ".member.comparisonOperator", op, OPERATORS);
    }
  }

  private static boolean arityOk(String op, int n) {
    return switch (op) {
      case "NULL", "NOT_NULL" -> n == 0;
      case "IN" -> n >= 1;
      case "BETWEEN" -> n == 2;
      default -> n == 1;
    };
  }

  private static List<String> allowedTypes(String op) {
    return switch (op) {
      case "EQ", "NE" -> List.of("S", "N", "B", "SS", "NS", "BS");
      case "BEGINS_WITH" -> List.of("S", "B");
      case "NULL", "NOT_NULL" -> List.of();
      default -> List.of("S", "N", "B"); // LE LT GE GT CONTAINS NOT_CONTAINS IN BETWEEN
    };
  }

  /**
   * DynamoDB's order of two scalar values of the same type: S by UTF-8 bytes, B by bytes (both unsigned), N
   * numerically (developer guide, "Query": "sorted by sort key value ... UTF-8 bytes ... numeric").
   */
  static int compare(AttributeValue a, AttributeValue b) {
    return switch (a.getValueCase()) {
      case N -> new BigDecimal(a.getN()).compareTo(new BigDecimal(b.getN()));
      case S -> compareBytes(ByteString.copyFrom(a.getS(), StandardCharsets.UTF_8),
          ByteString.copyFrom(b.getS(), StandardCharsets.UTF_8));
      case B -> compareBytes(a.getB(), b.getB());
      default -> 0;
    };
  }

  private static int compareBytes(ByteString a, ByteString b) {
    return ByteString.unsignedLexicographicalComparator().compare(a, b);
  }
}
