package io.shoal.router.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.shoal.core.number.DynamoNumber;
import io.shoal.core.number.InvalidNumberException;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.BinarySet;
import io.shoal.proto.Item;
import io.shoal.proto.StringSet;
import io.shoal.router.error.DynamoException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB JSON ({@code {"S": "x"}}, {@code {"M": {...}}}, ...) to and from the protobuf model.
 *
 * <p>Reading is two passes, because DynamoDB checks JSON types for the whole request before it checks
 * any value rule: {@link #checkMapShape} raises SerializationException for a member of the wrong JSON
 * type anywhere in the tree; {@link #readAttributeMap} then applies the value rules with DynamoDB's
 * ValidationException texts. Unknown members of an attribute value are ignored and JSON {@code null}
 * counts as absent, as in DynamoDB (dynalite's checkTypes drops both, so {@code {"a": ""}} is "empty").
 *
 * <p>Numbers are stored as {@link DynamoNumber#canonical} text and written back that way, which is what
 * DynamoDB returns ({@code "1.50"} comes back as {@code "1.5"}).
 */
public final class AttributeJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Deepest container level DynamoDB accepts, counting the item as level 1: DynamoDB Local's
   * InputConverter allows depths 0..31 with the item at 0, and ScyllaDB's test_manual_requests.py
   * (run against DynamoDB) stores an item whose deepest map is at level 32 and is refused at 51.
   */
  public static final int MAX_LEVEL = 32;

  // --- Texts, with where they come from. ---
  // DynamoDB Local ErrorFactory EMPTY_ATTRIBUTE_VALUE / MULTI_ATTRIBUTE_VALUE; dynalite tests.
  static final String EMPTY_VALUE =
      "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
  static final String MANY_TYPES =
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported"
          + " datatypes";
  static final String INVALID = "One or more parameter values were invalid: ";
  // DynamoDB Local InputConverter (INVALID_PARAMETER_VALUE + this text); dynalite tests.
  static final String NULL_MUST_BE_TRUE = INVALID + "Null attribute value types must have the value of true";
  // dynalite tests (test/putItem.js, getItem.js ...): note the double space and "An string".
  static final String EMPTY_SS = INVALID + "An string set  may not be empty";
  static final String EMPTY_NS = INVALID + "An number set  may not be empty";
  static final String EMPTY_BS = INVALID + "Binary sets should not be empty";
  // dynalite test/putItem.js: the number-set text has no prefix, the binary one no space before "of".
  static final String DUPLICATE_NS = "Input collection contains duplicates";
  // DynamoDB Local ErrorFactory ITEM_NESTING_LEVELS_LIMIT_EXCEEDED + the detail InputConverter adds.
  static final String TOO_DEEP =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond"
          + " supported limit";
  // DynamoDB Local ErrorFactory ITEM_CONTAINS_NULL_ATTRVALUE, for a null inside L or M.
  static final String NULL_ATTRIBUTE_VALUE = "The supplied Item contains a null AttributeValue";
  // Not verified against DynamoDB: what it says for a JSON null inside SS/NS/BS.
  static final String NULL_SET_MEMBER = INVALID + "Sets may not contain null values";

  // Member names in the order DynamoDB Local's InputConverter visits them; it validates each present
  // member before counting them, so a bad number beats "more than one datatypes".
  private static final List<String> TYPE_ORDER =
      List.of("S", "SS", "N", "NS", "B", "BS", "M", "L", "BOOL", "NULL");

  private AttributeJson() {}

  // ---------------------------------------------------------------------------------------------
  // Pass 1: JSON types (SerializationException).
  // ---------------------------------------------------------------------------------------------

  /**
   * Checks the JSON types of an attribute map that is a member of a structure ({@code Item}, {@code Key},
   * {@code ExpressionAttributeValues}, an {@code M} value).
   */
  public static void checkMapShape(JsonNode map) {
    checkMapShape(map, CoralType.ATTRIBUTE_MAP);
  }

  /** Checks the JSON types of an attribute map read as {@code type} (a map member, or a list element). */
  public static void checkMapShape(JsonNode map, CoralType type) {
    ObjectNode m = RequestFields.asObject(map, type);
    if (m == null) {
      return;
    }
    for (Iterator<JsonNode> it = m.elements(); it.hasNext(); ) {
      checkValueShape(it.next(), CoralType.ATTRIBUTE_VALUE);
    }
  }

  /** Checks the JSON types of an attribute value that is a list element or map value. */
  public static void checkValueShape(JsonNode value) {
    checkValueShape(value, CoralType.ATTRIBUTE_VALUE);
  }

  /**
   * Checks the JSON types of one attribute value read as {@code type}: {@link CoralType#ATTRIBUTE_VALUE} in a
   * list or map, {@link CoralType#ATTRIBUTE_VALUE_FIELD} as a structure member ({@code Expected.x.Value}).
   */
  public static void checkValueShape(JsonNode value, CoralType type) {
    ObjectNode v = RequestFields.asObject(value, type);
    if (v == null) {
      return;
    }
    RequestFields.asString(v.get("S"));
    RequestFields.asString(v.get("N"));
    blob(v.get("B"));
    RequestFields.asBoolean(v.get("BOOL"));
    RequestFields.asBoolean(v.get("NULL"));
    ArrayNode ss = RequestFields.asList(v.get("SS"), CoralType.LIST);
    if (ss != null) {
      ss.forEach(RequestFields::asString);
    }
    ArrayNode ns = RequestFields.asList(v.get("NS"), CoralType.LIST);
    if (ns != null) {
      ns.forEach(RequestFields::asString);
    }
    ArrayNode bs = RequestFields.asList(v.get("BS"), CoralType.LIST);
    if (bs != null) {
      bs.forEach(AttributeJson::blob);
    }
    ArrayNode l = RequestFields.asList(v.get("L"), CoralType.LIST);
    if (l != null) {
      l.forEach(AttributeJson::checkValueShape);
    }
    checkMapShape(v.get("M"), CoralType.ATTRIBUTE_MAP);
  }

  /**
   * Decodes a Blob member with DynamoDB's base64 rules (SerializationException), or null if absent. The texts
   * are dynalite 4.0.0's (test/helpers.js assertType, Blob): today DynamoDB sends them without the older
   * "'x' can not be converted to a Blob: " prefix.
   */
  static ByteString blob(JsonNode n) {
    if (RequestFields.isAbsent(n)) {
      return null;
    }
    if (!n.isTextual()) {
      throw CoralType.BLOB.wrongType(n);
    }
    String text = n.textValue();
    if (text.length() % 4 != 0) {
      throw DynamoException.serialization(
          "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
    }
    String bad = firstNonBase64(text);
    if (bad != null) {
      // Not verified against today's DynamoDB: the older text without its prefix.
      throw DynamoException.serialization("Invalid Base64 character: '" + bad + "'");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      bytes = null;
    }
    // A misplaced '=' ("=+/=") or unused low bits in the last character ("+/+=", "Yh==" for "b") make the
    // text non-canonical; DynamoDB refuses both with this text (the misspelling is DynamoDB's).
    if (bytes == null || !Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw DynamoException.serialization("Invalid last non-pad Base64 character dectected");
    }
    return ByteString.copyFrom(bytes);
  }

  /**
   * The first character (code point) outside the base64 alphabet, or null. A misplaced '=' is left to the
   * canonical-form check, which gives the text dynalite 4.0.0 pins for "=+/=". A loop rather than the regex
   * {@code [^a-zA-Z0-9+/=]}, which was about 40% of decoding a 1 KB item with one B value (JMH
   * PutItemDecodeBenchmark; every blob is checked in both passes).
   */
  static String firstNonBase64(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/' || c == '=';
      if (!ok) {
        return new String(Character.toChars(c));
      }
      i += Character.charCount(c);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Pass 2: value rules (ValidationException). Assumes pass 1 accepted the tree.
  // ---------------------------------------------------------------------------------------------

  /**
   * Converts an attribute map at item level ({@code Item}, {@code Key}), keeping the request's order.
   * Returns an empty map for an absent member.
   */
  public static Map<String, AttributeValue> readAttributeMap(JsonNode map) {
    return readMap(RequestFields.asObject(map, CoralType.ATTRIBUTE_MAP), 1);
  }

  /** {@link #readAttributeMap} as an {@link Item}. */
  public static Item readItem(JsonNode map) {
    return Item.newBuilder().putAllAttributes(readAttributeMap(map)).build();
  }

  /** Converts one attribute value that sits directly in an item. */
  public static AttributeValue readValue(JsonNode value) {
    return readValue(value, 1);
  }

  private static Map<String, AttributeValue> readMap(ObjectNode m, int level) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    if (m == null) {
      return out;
    }
    if (level > MAX_LEVEL) {
      throw DynamoException.validation(TOO_DEEP);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), readValue(e.getValue(), level));
    }
    return out;
  }

  /** {@code level} is that of the container holding the value (the item is 1). */
  private static AttributeValue readValue(JsonNode node, int level) {
    if (RequestFields.isAbsent(node)) {
      throw DynamoException.validation(NULL_ATTRIBUTE_VALUE);
    }
    ObjectNode v = RequestFields.asObject(node, CoralType.ATTRIBUTE_VALUE);
    AttributeValue result = null;
    int present = 0;
    for (String type : TYPE_ORDER) {
      JsonNode member = v.get(type);
      if (RequestFields.isAbsent(member)) {
        continue;
      }
      present++;
      result = readMember(type, member, level);
    }
    if (present == 0) {
      throw DynamoException.validation(EMPTY_VALUE);
    }
    if (present > 1) {
      throw DynamoException.validation(MANY_TYPES);
    }
    return result;
  }

  private static AttributeValue readMember(String type, JsonNode member, int level) {
    AttributeValue.Builder b = AttributeValue.newBuilder();
    switch (type) {
      case "S" -> b.setS(member.textValue());
      case "N" -> b.setN(number(member.textValue()));
      case "B" -> b.setB(blob(member));
      case "BOOL" -> b.setBool(RequestFields.asBoolean(member));
      case "NULL" -> {
        if (!RequestFields.asBoolean(member)) {
          throw DynamoException.validation(NULL_MUST_BE_TRUE);
        }
        b.setNull(true);
      }
      case "SS" -> b.setSs(stringSet(member));
      case "NS" -> b.setNs(numberSet(member));
      case "BS" -> b.setBs(binarySet(member));
      case "L" -> {
        if (level + 1 > MAX_LEVEL) {
          throw DynamoException.validation(TOO_DEEP);
        }
        AttributeList.Builder list = AttributeList.newBuilder();
        for (JsonNode element : member) {
          list.addValues(readValue(element, level + 1));
        }
        b.setL(list);
      }
      case "M" -> b.setM(AttributeMap.newBuilder().putAllValues(readMap((ObjectNode) member, level + 1)));
      default -> throw new IllegalStateException(type);
    }
    return b.build();
  }

  private static String number(String text) {
    try {
      return DynamoNumber.normalize(text);
    } catch (InvalidNumberException e) {
      throw DynamoException.validation(e.getMessage());
    }
  }

  private static StringSet stringSet(JsonNode list) {
    if (list.isEmpty()) {
      throw DynamoException.validation(EMPTY_SS);
    }
    List<String> values = textMembers(list);
    if (new HashSet<>(values).size() != values.size()) {
      // dynalite test/putItem.js: "Input collection [a, a] contains duplicates."
      throw DynamoException.validation(
          INVALID + "Input collection [" + String.join(", ", values) + "] contains duplicates.");
    }
    return StringSet.newBuilder().addAllValues(values).build();
  }

  private static StringSet numberSet(JsonNode list) {
    if (list.isEmpty()) {
      throw DynamoException.validation(EMPTY_NS);
    }
    List<String> canonical = new ArrayList<>();
    for (String text : textMembers(list)) {
      canonical.add(number(text));
    }
    // "1" and "1.0" are the same number, so compare canonical forms.
    if (new HashSet<>(canonical).size() != canonical.size()) {
      throw DynamoException.validation(DUPLICATE_NS);
    }
    return StringSet.newBuilder().addAllValues(canonical).build();
  }

  private static BinarySet binarySet(JsonNode list) {
    if (list.isEmpty()) {
      throw DynamoException.validation(EMPTY_BS);
    }
    List<String> texts = textMembers(list);
    List<ByteString> values = new ArrayList<>();
    Set<ByteString> seen = new HashSet<>();
    boolean duplicate = false;
    for (JsonNode element : list) {
      ByteString bytes = blob(element);
      duplicate |= !seen.add(bytes);
      values.add(bytes);
    }
    if (duplicate) {
      // dynalite test/putItem.js: "Input collection [Yg==, Yg==]of type BS contains duplicates."
      throw DynamoException.validation(
          INVALID + "Input collection [" + String.join(", ", texts) + "]of type BS contains duplicates.");
    }
    return BinarySet.newBuilder().addAllValues(values).build();
  }

  private static List<String> textMembers(JsonNode list) {
    List<String> out = new ArrayList<>(list.size());
    for (JsonNode element : list) {
      if (RequestFields.isAbsent(element)) {
        throw DynamoException.validation(NULL_SET_MEMBER);
      }
      out.add(element.textValue());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Output.
  // ---------------------------------------------------------------------------------------------

  public static ObjectNode itemToJson(Item item) {
    return attributesToJson(item.getAttributesMap());
  }

  public static ObjectNode attributesToJson(Map<String, AttributeValue> attributes) {
    ObjectNode out = NODES.objectNode();
    attributes.forEach((name, value) -> out.set(name, valueToJson(value)));
    return out;
  }

  public static ObjectNode valueToJson(AttributeValue v) {
    ObjectNode out = NODES.objectNode();
    switch (v.getValueCase()) {
      case S -> out.put("S", v.getS());
      case N -> out.put("N", v.getN());
      case B -> out.put("B", Base64.getEncoder().encodeToString(v.getB().toByteArray()));
      case BOOL -> out.put("BOOL", v.getBool());
      case NULL -> out.put("NULL", true);
      case SS -> {
        ArrayNode a = out.putArray("SS");
        v.getSs().getValuesList().forEach(a::add);
      }
      case NS -> {
        ArrayNode a = out.putArray("NS");
        v.getNs().getValuesList().forEach(a::add);
      }
      case BS -> {
        ArrayNode a = out.putArray("BS");
        v.getBs().getValuesList().forEach(bytes -> a.add(Base64.getEncoder().encodeToString(bytes.toByteArray())));
      }
      case L -> {
        ArrayNode a = out.putArray("L");
        v.getL().getValuesList().forEach(element -> a.add(valueToJson(element)));
      }
      case M -> out.set("M", attributesToJson(v.getM().getValuesMap()));
      case VALUE_NOT_SET -> throw new IllegalArgumentException("attribute value without a type");
    }
    return out;
  }

  /** The DynamoDB type name of a value ("S", "NS", ...), as used in key type-mismatch messages. */
  public static String typeName(AttributeValue v) {
    return switch (v.getValueCase()) {
      case S -> "S";
      case N -> "N";
      case B -> "B";
      case BOOL -> "BOOL";
      case NULL -> "NULL";
      case SS -> "SS";
      case NS -> "NS";
      case BS -> "BS";
      case L -> "L";
      case M -> "M";
      case VALUE_NOT_SET -> "";
    };
  }
}
