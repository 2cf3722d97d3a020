package io.shoal.router.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.router.error.DynamoException;

/**
 * The type DynamoDB's JSON deserializer (Coral) reads one place of a request as, which decides the
 * SerializationException text for a JSON value of the wrong kind there.
 *
 * <p>The kinds are those of dynalite 4.0.0's test helper {@code assertType} (test/helpers.js), written against
 * live DynamoDB. Where a container sits matters: a structure, list or map that is a member of a structure is a
 * "field" ({@link Kind#FIELD_STRUCT}, {@link Kind#LIST}, {@link Kind#MAP}); one that is a list element or a map
 * value is a "value" ({@link Kind#VALUE_STRUCT}, {@link Kind#PARAMETERIZED_LIST}, {@link Kind#PARAMETERIZED_MAP}),
 * and DynamoDB words a scalar found there differently.
 */
public record CoralType(Kind kind, String javaName) {

  /** dynalite's assertType type names, in Java spelling. */
  public enum Kind {
    STRING, BOOLEAN, INTEGER, LONG, BLOB, LIST, PARAMETERIZED_LIST, MAP, PARAMETERIZED_MAP, FIELD_STRUCT, VALUE_STRUCT
  }

  /** Package of DynamoDB's request structures, as its deserializer names them. */
  static final String MODEL_PACKAGE = "com.amazonaws.dynamodb.v20120810.";

  // Texts from dynalite 4.0.0 test/helpers.js assertType.
  static final String START_OF_MAP = "Start of structure or map found where not expected";
  static final String UNEXPECTED_FIELD = "Unexpected field type";
  static final String UNEXPECTED_VALUE = "Unexpected value type in payload";
  static final String UNEXPECTED_TOKEN = "Unexpected token received from parser";
  static final String NOT_BASE64 = "only base-64-encoded strings are convertible to bytes";
  static final String UNRECOGNIZED_COLLECTION = "Unrecognized collection type ";
  // A scalar where a list element or map value is itself a list or map: a ClassCastException inside Coral.
  static final String PARAMETERIZED_CAST =
      "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class"
          + " (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module"
          + " java.base of loader 'bootstrap')";

  public static final CoralType STRING = new CoralType(Kind.STRING, "java.lang.String");
  public static final CoralType BOOLEAN = new CoralType(Kind.BOOLEAN, "java.lang.Boolean");
  public static final CoralType INTEGER = new CoralType(Kind.INTEGER, "java.lang.Integer");
  public static final CoralType LONG = new CoralType(Kind.LONG, "java.lang.Long");
  public static final CoralType BLOB = new CoralType(Kind.BLOB, "java.nio.ByteBuffer");
  /** A list member of a structure. */
  public static final CoralType LIST = new CoralType(Kind.LIST, "java.util.List");
  /** A list that is a map value (BatchWriteItem's RequestItems values). */
  public static final CoralType PARAMETERIZED_LIST = new CoralType(Kind.PARAMETERIZED_LIST, "java.util.List");

  /** An attribute value that is a list element or map value (Item.x, L.0, M.x, Keys.0.x). */
  public static final CoralType ATTRIBUTE_VALUE = valueStruct("AttributeValue");
  /** An attribute value that is a member of a structure (Expected.x.Value, AttributeUpdates.x.Value). */
  public static final CoralType ATTRIBUTE_VALUE_FIELD = fieldStruct("AttributeValue");
  /** A map of attribute values that is a member of a structure (Item, Key, M, ExpressionAttributeValues). */
  public static final CoralType ATTRIBUTE_MAP = map("AttributeValue");
  /** A map of attribute values that is a list element (BatchGetItem Keys.0). */
  public static final CoralType ATTRIBUTE_MAP_ELEMENT = parameterizedMap("AttributeValue");

  /** A structure member of a structure, e.g. {@code fieldStruct("ProvisionedThroughput")}. */
  public static CoralType fieldStruct(String shape) {
    return new CoralType(Kind.FIELD_STRUCT, MODEL_PACKAGE + shape);
  }

  /** A structure that is a list element or map value, e.g. {@code valueStruct("KeySchemaElement")}. */
  public static CoralType valueStruct(String shape) {
    return new CoralType(Kind.VALUE_STRUCT, MODEL_PACKAGE + shape);
  }

  /**
   * A map member of a structure; {@code valueType} is a model shape ("Condition") or, when it contains a '.',
   * a Java type used as is ("java.lang.String").
   */
  public static CoralType map(String valueType) {
    return new CoralType(Kind.MAP, mapName(valueType));
  }

  /** A map that is a list element. */
  public static CoralType parameterizedMap(String valueType) {
    return new CoralType(Kind.PARAMETERIZED_MAP, mapName(valueType));
  }

  private static String mapName(String valueType) {
    return "java.util.Map<java.lang.String, " + (valueType.contains(".") ? valueType : MODEL_PACKAGE + valueType)
        + ">";
  }

  boolean isObject() {
    return kind == Kind.MAP || kind == Kind.PARAMETERIZED_MAP || kind == Kind.FIELD_STRUCT
        || kind == Kind.VALUE_STRUCT;
  }

  boolean isList() {
    return kind == Kind.LIST || kind == Kind.PARAMETERIZED_LIST;
  }

  /** The SerializationException DynamoDB answers for {@code n} (not null, of the wrong JSON kind) here. */
  DynamoException wrongType(JsonNode n) {
    return DynamoException.serialization(wrongTypeText(n));
  }

  String wrongTypeText(JsonNode n) {
    if (n.isArray()) {
      // A map names its generic type; anything else its class.
      return UNRECOGNIZED_COLLECTION + (kind == Kind.MAP || kind == Kind.PARAMETERIZED_MAP ? "" : "class ")
          + javaName;
    }
    if (n.isObject()) {
      return START_OF_MAP;
    }
    return switch (kind) {
      case STRING -> token(n) + " cannot be converted to String";
      case BOOLEAN -> n.isTextual() ? UNEXPECTED_TOKEN : token(n) + " cannot be converted to Boolean";
      case INTEGER -> token(n) + " cannot be converted to Integer";
      case LONG -> token(n) + " cannot be converted to Long";
      case BLOB -> NOT_BASE64;
      case LIST, MAP, FIELD_STRUCT -> UNEXPECTED_FIELD;
      case PARAMETERIZED_LIST, PARAMETERIZED_MAP -> PARAMETERIZED_CAST;
      case VALUE_STRUCT -> UNEXPECTED_VALUE;
    };
  }

  /** The JSON parser's token name for a scalar, as DynamoDB quotes it. */
  private static String token(JsonNode n) {
    if (n.isBoolean()) {
      return n.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE";
    }
    if (n.isIntegralNumber()) {
      return "NUMBER_VALUE";
    }
    if (n.isNumber()) {
      return "DECIMAL_VALUE";
    }
    return "STRING_VALUE";
  }
}
