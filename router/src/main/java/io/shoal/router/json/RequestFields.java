package io.shoal.router.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.router.error.DynamoException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Reads request members with the type rules of DynamoDB's JSON deserializer.
 *
 * <p>A member of the wrong JSON type is a SerializationException whose text names the Java class
 * DynamoDB's (Coral) deserializer tried to convert, and a JSON {@code null} means "absent". The texts
 * below, including their grammar ("an String", "a Blob"), come from dynalite's validations/index.js
 * checkType(), whose tests (test/*.js, assertType) were written against live DynamoDB.
 */
public final class RequestFields {
  // The class DynamoDB's JSON reader uses for every JSON number (dynalite, current version).
  static final String NUMBER_CLASS = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
  static final String BOOLEAN_CLASS = "class java.lang.Boolean";
  static final String STRING_CLASS = "class java.lang.String";
  static final String START_OF_MAP = "Start of structure or map found where not expected.";
  static final String START_OF_LIST = "Start of list found where not expected";

  private RequestFields() {}

  /** True when the member is absent or JSON null. */
  public static boolean absent(ObjectNode body, String name) {
    JsonNode n = body.get(name);
    return n == null || n.isNull();
  }

  /** A String member, or null when absent. */
  public static String string(ObjectNode body, String name) {
    return asString(body.get(name));
  }

  /** A Boolean member, or null when absent. */
  public static Boolean bool(ObjectNode body, String name) {
    return asBoolean(body.get(name));
  }

  /** An Integer member (fractions are cut, as DynamoDB does), or null when absent. */
  public static Long integer(ObjectNode body, String name) {
    return asWholeNumber(body.get(name), "Integer");
  }

  /** A Long member (fractions are cut), or null when absent. */
  public static Long longValue(ObjectNode body, String name) {
    return asWholeNumber(body.get(name), "Long");
  }

  /** A structure member (a JSON object with known members), or null when absent. */
  public static ObjectNode structure(ObjectNode body, String name) {
    return asStructure(body.get(name));
  }

  /** A map member (a JSON object with free keys), or null when absent. */
  public static ObjectNode map(ObjectNode body, String name) {
    return asMap(body.get(name));
  }

  /** A list member, or null when absent. */
  public static ArrayNode list(ObjectNode body, String name) {
    return asList(body.get(name));
  }

  public static boolean isAbsent(JsonNode n) {
    return n == null || n.isNull();
  }

  public static String asString(JsonNode n) {
    if (isAbsent(n)) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    throw notConvertible(n, "an String");
  }

  public static Boolean asBoolean(JsonNode n) {
    if (isAbsent(n)) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      // DynamoDB's reader accepts these spellings and reports others upper-cased (dynalite).
      String upper = n.textValue().toUpperCase(Locale.ROOT);
      switch (upper) {
        case "TRUE", "1", "YES" -> {
          return true;
        }
        case "FALSE", "0", "NO" -> {
          return false;
        }
        default -> throw DynamoException.serialization("'" + upper + "' can not be converted to an Boolean");
      }
    }
    throw notConvertible(n, "an Boolean");
  }

  static Long asWholeNumber(JsonNode n, String javaType) {
    if (isAbsent(n)) {
      return null;
    }
    if (n.isNumber()) {
      BigDecimal whole = n.decimalValue().setScale(0, RoundingMode.FLOOR);
      try {
        return whole.longValueExact();
      } catch (ArithmeticException tooBig) {
        return whole.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
      }
    }
    if (n.isBoolean()) {
      throw DynamoException.serialization(BOOLEAN_CLASS + " can not be converted to an " + javaType);
    }
    if (n.isTextual()) {
      throw DynamoException.serialization(STRING_CLASS + " can not be converted to an " + javaType);
    }
    throw containerWhereScalar(n);
  }

  public static ObjectNode asStructure(JsonNode n) {
    if (isAbsent(n)) {
      return null;
    }
    if (n.isObject()) {
      return (ObjectNode) n;
    }
    if (n.isArray()) {
      throw DynamoException.serialization(START_OF_LIST);
    }
    throw DynamoException.serialization("Expected null");
  }

  public static ObjectNode asMap(JsonNode n) {
    if (isAbsent(n)) {
      return null;
    }
    if (n.isObject()) {
      return (ObjectNode) n;
    }
    if (n.isArray()) {
      throw DynamoException.serialization(START_OF_LIST);
    }
    throw DynamoException.serialization("Expected map or null");
  }

  public static ArrayNode asList(JsonNode n) {
    if (isAbsent(n)) {
      return null;
    }
    if (n.isArray()) {
      return (ArrayNode) n;
    }
    if (n.isObject()) {
      throw DynamoException.serialization(START_OF_MAP);
    }
    throw DynamoException.serialization("Expected list or null");
  }

  /** A scalar of the wrong kind where {@code target} ("an String", "a Blob") was expected. */
  static DynamoException notConvertible(JsonNode n, String target) {
    if (n.isBoolean()) {
      return DynamoException.serialization(BOOLEAN_CLASS + " can not be converted to " + target);
    }
    if (n.isNumber()) {
      return DynamoException.serialization(NUMBER_CLASS + " can not be converted to " + target);
    }
    if (n.isTextual()) {
      return DynamoException.serialization(STRING_CLASS + " can not be converted to " + target);
    }
    return containerWhereScalar(n);
  }

  private static DynamoException containerWhereScalar(JsonNode n) {
    return DynamoException.serialization(n.isArray() ? START_OF_LIST : START_OF_MAP);
  }
}
