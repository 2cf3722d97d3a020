package io.shoal.core.expression;

import io.shoal.proto.AttributeValue;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, shared by all expressions of
 * that request (for example UpdateExpression and ConditionExpression of one UpdateItem), recording
 * which entries were used so {@link #checkAllUsed()} can reject leftovers as DynamoDB does.
 *
 * <p>Not thread-safe: one instance per request.
 */
public final class ExpressionAttributes {
  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Set<String> usedNames = new TreeSet<>();
  private final Set<String> usedValues = new TreeSet<>();

  private ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
  }

  /**
   * @param names ExpressionAttributeNames, or null when the request did not send it
   * @param values ExpressionAttributeValues, or null when the request did not send it
   * @throws ExpressionException "ExpressionAttributeNames must not be empty" (and likewise for
   *     values) when a map was sent empty — texts from dynalite's validations and Alternator's
   *     test_expression_attribute_*_empty tests
   */
  public static ExpressionAttributes of(
      Map<String, String> names, Map<String, AttributeValue> values) {
    if (names != null && names.isEmpty()) {
      throw new ExpressionException("ExpressionAttributeNames must not be empty");
    }
    if (values != null && values.isEmpty()) {
      throw new ExpressionException("ExpressionAttributeValues must not be empty");
    }
    if (names != null) {
      checkKeys(names.keySet(), '#', "ExpressionAttributeNames");
    }
    if (values != null) {
      checkKeys(values.keySet(), ':', "ExpressionAttributeValues");
    }
    return new ExpressionAttributes(
        names == null ? Map.of() : Map.copyOf(names), values == null ? Map.of() : Map.copyOf(values));
  }

  /**
   * Keys must be the prefix and at least one of [A-Za-z0-9_], which is what the lexer accepts.
   * Text from dynalite's validations tests (deleteItem: key "a") and moto's
   * InvalidExpressionAttributeNameKey.
   */
  private static void checkKeys(Set<String> keys, char prefix, String parameter) {
    for (String key : new TreeSet<>(keys)) {
      boolean ok = key.length() > 1 && key.charAt(0) == prefix;
      for (int i = 1; ok && i < key.length(); i++) {
        char c = key.charAt(i);
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      }
      if (!ok) {
        throw new ExpressionException(
            parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
      }
    }
  }

  public static ExpressionAttributes none() {
    return new ExpressionAttributes(Map.of(), Map.of());
  }

  String name(String alias, ExpressionKind kind) {
    String resolved = names.get(alias);
    if (resolved == null) {
      throw ExpressionException.invalid(
          kind,
          "An expression attribute name used in the document path is not defined; attribute name: "
              + alias);
    }
    usedNames.add(alias);
    return resolved;
  }

  AttributeValue value(String ref, ExpressionKind kind) {
    AttributeValue v = values.get(ref);
    if (v == null) {
      throw ExpressionException.invalid(
          kind,
          "An expression attribute value used in expression is not defined; attribute value: " + ref);
    }
    usedValues.add(ref);
    return v;
  }

  /**
   * Call after resolving every expression of the request. Names are checked before values, as in
   * dynalite. Keys are listed sorted, comma-separated, in braces.
   */
  public void checkAllUsed() {
    Set<String> unusedNames = new TreeSet<>(names.keySet());
    unusedNames.removeAll(usedNames);
    if (!unusedNames.isEmpty()) {
      throw new ExpressionException(
          "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
              + String.join(", ", unusedNames)
              + "}");
    }
    Set<String> unusedValues = new TreeSet<>(values.keySet());
    unusedValues.removeAll(usedValues);
    if (!unusedValues.isEmpty()) {
      throw new ExpressionException(
          "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
              + String.join(", ", unusedValues)
              + "}");
    }
  }
}
