package io.shoal.router.api;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks items and keys against a table's key schema, with DynamoDB's texts. */
final class KeyRules {
  private static final String INVALID = "One or more parameter values were invalid: ";
  /** GetItem/DeleteItem key of the wrong shape (DynamoDB Local ErrorFactory SCHEMA_KEY_MISMATCH, moto). */
  static final String KEY_MISMATCH = "The provided key element does not match the schema";

  // Hash and range key size limits (DynamoDB developer guide "Service quotas"); the texts, including the
  // missing space in "of2048", are dynalite's db/index.js and moto's exceptions.py.
  static final int MAX_HASH_KEY_BYTES = 2048;
  static final int MAX_RANGE_KEY_BYTES = 1024;

  private KeyRules() {}

  /** The table's key attributes, hash first. */
  static List<KeyAttribute> keyAttributes(TableInfo table) {
    List<KeyAttribute> keys = new ArrayList<>(2);
    keys.add(table.getHashKey());
    if (table.hasRangeKey() && !table.getRangeKey().getName().isEmpty()) {
      keys.add(table.getRangeKey());
    }
    return keys;
  }

  /** PutItem: the item must carry every key attribute with the declared type. */
  static void checkItem(TableInfo table, Map<String, AttributeValue> item) {
    boolean hash = true;
    for (KeyAttribute key : keyAttributes(table)) {
      AttributeValue v = item.get(key.getName());
      if (v == null) {
        // dynalite db/index.js validateItem, test/putItem.js.
        throw DynamoException.validation(INVALID + "Missing the key " + key.getName() + " in the item");
      }
      String expected = key.getType().name();
      String actual = AttributeJson.typeName(v);
      if (!expected.equals(actual)) {
        // dynalite db/index.js validateItem, test/putItem.js; moto InvalidAttributeTypeError.
        throw DynamoException.validation(INVALID + "Type mismatch for key " + key.getName()
            + " expected: " + expected + " actual: " + actual);
      }
      checkValue(key.getName(), v, hash);
      hash = false;
    }
  }

  /**
   * GetItem/DeleteItem: the key must name exactly the key attributes, with the declared types. Returns
   * the key in schema order.
   */
  static Map<String, AttributeValue> checkKey(TableInfo table, Map<String, AttributeValue> key) {
    List<KeyAttribute> schema = keyAttributes(table);
    // dynalite db/index.js validateKey: count first, then each attribute's presence and type.
    if (key.size() != schema.size()) {
      throw DynamoException.validation(KEY_MISMATCH);
    }
    Map<String, AttributeValue> ordered = new LinkedHashMap<>();
    boolean hash = true;
    for (KeyAttribute k : schema) {
      AttributeValue v = key.get(k.getName());
      if (v == null || !k.getType().name().equals(AttributeJson.typeName(v))) {
        throw DynamoException.validation(KEY_MISMATCH);
      }
      checkValue(k.getName(), v, hash);
      ordered.put(k.getName(), v);
      hash = false;
    }
    return ordered;
  }

  /** Empty and oversized key values (also used for a Query's partition-key value). */
  static void checkValue(String name, AttributeValue v, boolean hash) {
    int size;
    switch (v.getValueCase()) {
      case S -> {
        if (v.getS().isEmpty()) {
          // Live DynamoDB answers to PutItem and GetItem quoted in client code and tests (for example a
          // Go test's recorded "operation error DynamoDB: GetItem ... ValidationException: ...").
          throw DynamoException.validation("One or more parameter values are not valid. The AttributeValue"
              + " for a key attribute cannot contain an empty string value. Key: " + name);
        }
        size = v.getS().getBytes(StandardCharsets.UTF_8).length;
      }
      case B -> {
        if (v.getB().isEmpty()) {
          // Not verified against DynamoDB: the binary counterpart of the text above, as reimplementations
          // spell it.
          throw DynamoException.validation("One or more parameter values are not valid. The AttributeValue"
              + " for a key attribute cannot contain an empty binary value. Key: " + name);
        }
        size = v.getB().size();
      }
      default -> size = 0; // numbers are always small enough
    }
    if (hash && size > MAX_HASH_KEY_BYTES) {
      throw DynamoException.validation(
          INVALID + "Size of hashkey has exceeded the maximum size limit of" + MAX_HASH_KEY_BYTES + " bytes");
    }
    if (!hash && size > MAX_RANGE_KEY_BYTES) {
      throw DynamoException.validation(INVALID
          + "Aggregated size of all range keys has exceeded the size limit of " + MAX_RANGE_KEY_BYTES + " bytes");
    }
  }
}
