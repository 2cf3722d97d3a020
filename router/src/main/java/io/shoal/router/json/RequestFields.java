package io.shoal.router.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Reads request members with the type rules of DynamoDB's JSON deserializer.
 *
 * <p>A member of the wrong JSON type is a SerializationException whose text depends on the type DynamoDB's
 * (Coral) deserializer reads that place as ({@link CoralType}), and a JSON {@code null} means "absent". The texts
 * are those DynamoDB answers today, as pinned by dynalite 4.0.0's test helper {@code assertType}
 * (test/helpers.js, written against live DynamoDB; e.g. {@code STRING_VALUE cannot be converted to Integer},
 * {@code Unexpected field type}), with the structure names of its test/*.js and validations/*.js.
 *
 * <p>Callers name the Coral type of structures and maps ({@code structure(body, "ProvisionedThroughput",
 * "ProvisionedThroughput")} reads a member of a structure; {@link #valueStructure} a list element or map value),
 * because DynamoDB's texts quote it.
 */
public final class RequestFields {
  private RequestFields() {}

  /** True when the member is absent or JSON null. */
  public static boolean absent(ObjectNode body, String name) {
    return isAbsent(body.get(name));
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
    return asWholeNumber(body.get(name), CoralType.INTEGER);
  }

  /** A Long member (fractions are cut), or null when absent. */
  public static Long longValue(ObjectNode body, String name) {
    return asWholeNumber(body.get(name), CoralType.LONG);
  }

  /** A structure member of model shape {@code shape} ("ProvisionedThroughput"), or null when absent. */
  public static ObjectNode structure(ObjectNode body, String name, String shape) {
    return asObject(body.get(name), CoralType.fieldStruct(shape));
  }

  /**
   * A map member whose values are {@code valueType} (a model shape such as "Condition", or a Java type with a
   * '.' such as "java.lang.String"), or null when absent.
   */
  public static ObjectNode map(ObjectNode body, String name, String valueType) {
    return asObject(body.get(name), CoralType.map(valueType));
  }

  /** A list member, or null when absent. */
  public static ArrayNode list(ObjectNode body, String name) {
    return asList(body.get(name), CoralType.LIST);
  }

  /** A list element or map value that is a structure of model shape {@code shape}, or null when absent. */
  public static ObjectNode valueStructure(JsonNode n, String shape) {
    return asObject(n, CoralType.valueStruct(shape));
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
    throw CoralType.STRING.wrongType(n);
  }

  public static Boolean asBoolean(JsonNode n) {
    if (isAbsent(n)) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      // Not verified against today's DynamoDB: the spellings older Coral readers accepted (dynalite 3.x
      // validations/index.js). Any other text is "Unexpected token received from parser" (dynalite 4.0.0).
      switch (n.textValue().toUpperCase(Locale.ROOT)) {
        case "TRUE", "1", "YES" -> {
          return true;
        }
        case "FALSE", "0", "NO" -> {
          return false;
        }
        default -> {
          // falls through to the error below
        }
      }
    }
    throw CoralType.BOOLEAN.wrongType(n);
  }

  static Long asWholeNumber(JsonNode n, CoralType type) {
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
    throw type.wrongType(n);
  }

  /** A structure or map read as {@code type}, or null when absent. */
  public static ObjectNode asObject(JsonNode n, CoralType type) {
    if (!type.isObject()) {
      throw new IllegalArgumentException("not a structure or map: " + type);
    }
    if (isAbsent(n)) {
      return null;
    }
    if (n.isObject()) {
      return (ObjectNode) n;
    }
    throw type.wrongType(n);
  }

  /** A list read as {@code type} ({@link CoralType#LIST} or {@link CoralType#PARAMETERIZED_LIST}), or null. */
  public static ArrayNode asList(JsonNode n, CoralType type) {
    if (!type.isList()) {
      throw new IllegalArgumentException("not a list: " + type);
    }
    if (isAbsent(n)) {
      return null;
    }
    if (n.isArray()) {
      return (ArrayNode) n;
    }
    throw type.wrongType(n);
  }
}
