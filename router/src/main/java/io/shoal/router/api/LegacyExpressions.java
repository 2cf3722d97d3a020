package io.shoal.router.api;

import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeValue;
import io.shoal.router.api.LegacyConditions.Condition;
import io.shoal.router.cluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the legacy parameters (Expected, QueryFilter/ScanFilter, AttributeUpdates, AttributesToGet) as the
 * equivalent expressions, so one evaluation path serves both: conditions and updates still reach the storage group
 * as {@link Cluster.Expression} text and are decided there atomically, filters and projections run through the same
 * core classes as FilterExpression and ProjectionExpression.
 *
 * <p>Why text rather than a core AST: the cluster interface and the node's log commands carry expression text, so
 * text is the only form that reaches the place where conditions are evaluated. Attribute names and values always go
 * through generated placeholders ({@code #l0}, {@code :l0}, ...), never inline, so no attribute name (reserved
 * word, dots, spaces) can change the meaning of the text. They cannot clash with the request's own placeholders
 * because a request that uses legacy parameters may carry no ExpressionAttributeNames/Values at all
 * ({@link ExpressionRequests#checkParams}). Placeholders are kept short because the translated text is subject to
 * the 4 KB expression limit; a legacy request large enough to exceed it (some hundreds of conditions or IN values)
 * is refused with the expression module's size message, which DynamoDB would not send.
 *
 * <p>Semantics, per operator (API reference, "Condition" and "ExpectedAttributeValue"):
 * <ul>
 *   <li>EQ/NE map to {@code =} / {@code <>}; both compare sets ignoring order and numbers numerically, and
 *       {@code <>} is true on a missing attribute, as legacy NE is.
 *   <li>LT/LE/GT/GE/BETWEEN are false when the attribute is missing or of another type, in both forms.
 *   <li>NULL/NOT_NULL are attribute_not_exists/attribute_exists.
 *   <li>CONTAINS is contains(): substring of S, subsequence of B, member of a set or list.
 *       NOT_CONTAINS is {@code NOT contains()}, so it is true on a missing attribute, as the legacy operator is.
 *   <li>IN is {@code IN (...)}: true when the attribute equals one of the values.
 * </ul>
 */
final class LegacyExpressions {
  /** An expression with its own names and values. */
  record Translated(String text, Map<String, String> names, Map<String, AttributeValue> values) {
    Cluster.Expression forCluster() {
      return ExpressionRequests.forCluster(text, names, values);
    }

    /** The placeholders as the expression module takes them (an empty map is absent). */
    ExpressionAttributes attributes() {
      return ExpressionRequests.attributes(names.isEmpty() ? null : names, values.isEmpty() ? null : values);
    }
  }

  /** One legacy AttributeUpdates entry, validated; {@code value} is null for DELETE without a value. */
  record AttributeUpdate(String attribute, String action, AttributeValue value) {}

  private LegacyExpressions() {}

  /**
   * The conditions joined by {@code conditionalOperator} (AND when null); null when there are none. Each term is
   * parenthesised so that OR and AND never mix with the terms' own operators.
   */
  static Translated condition(Map<String, Condition> conditions, String conditionalOperator) {
    if (conditions.isEmpty()) {
      return null;
    }
    Placeholders p = new Placeholders("l");
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, Condition> e : conditions.entrySet()) {
      terms.add("(" + term(p, e.getKey(), e.getValue()) + ")");
    }
    String joiner = "OR".equals(conditionalOperator) ? " OR " : " AND ";
    return p.result(String.join(joiner, terms));
  }

  static String term(Placeholders p, String attribute, Condition c) {
    String n = p.name(attribute);
    List<AttributeValue> vs = c.values();
    return switch (c.operator()) {
      case "EQ" -> n + " = " + p.value(vs.get(0));
      case "NE" -> n + " <> " + p.value(vs.get(0));
      case "LT" -> n + " < " + p.value(vs.get(0));
      case "LE" -> n + " <= " + p.value(vs.get(0));
      case "GT" -> n + " > " + p.value(vs.get(0));
      case "GE" -> n + " >= " + p.value(vs.get(0));
      case "NULL" -> "attribute_not_exists(" + n + ")";
      case "NOT_NULL" -> "attribute_exists(" + n + ")";
      case "CONTAINS" -> "contains(" + n + ", " + p.value(vs.get(0)) + ")";
      case "NOT_CONTAINS" -> "NOT contains(" + n + ", " + p.value(vs.get(0)) + ")";
      case "BEGINS_WITH" -> "begins_with(" + n + ", " + p.value(vs.get(0)) + ")";
      case "BETWEEN" -> n + " BETWEEN " + p.value(vs.get(0)) + " AND " + p.value(vs.get(1));
      case "IN" -> {
        List<String> in = new ArrayList<>();
        vs.forEach(v -> in.add(p.value(v)));
        yield n + " IN (" + String.join(", ", in) + ")";
      }
      default -> throw new IllegalArgumentException("not a legacy operator: " + c.operator());
    };
  }

  /**
   * AttributeUpdates as an UpdateExpression; null when there are none. PUT is SET; DELETE without a value is
   * REMOVE; ADD and DELETE of a number or set are the expression's ADD and DELETE, which have the same rules
   * (numbers add, sets union/difference, an emptied set disappears). Legacy ADD of a list appends to the list,
   * creating it when absent (API reference, AttributeValueUpdate: "If the existing data type is a list, ... the new
   * list is appended"); the expression's ADD has no list form, so it is {@code SET a = list_append(if_not_exists(a,
   * []), v)}.
   */
  static Translated update(List<AttributeUpdate> updates) {
    if (updates.isEmpty()) {
      return null;
    }
    Placeholders p = new Placeholders("u");
    List<String> set = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    List<String> add = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    for (AttributeUpdate u : updates) {
      String n = p.name(u.attribute());
      switch (u.action()) {
        case "PUT" -> set.add(n + " = " + p.value(u.value()));
        case "ADD" -> {
          if (u.value().hasL()) {
            AttributeValue empty = AttributeValue.newBuilder().setL(AttributeList.getDefaultInstance()).build();
            set.add(n + " = list_append(if_not_exists(" + n + ", " + p.value(empty) + "), " + p.value(u.value())
                + ")");
          } else {
            add.add(n + " " + p.value(u.value()));
          }
        }
        case "DELETE" -> {
          if (u.value() == null) {
            remove.add(n);
          } else {
            delete.add(n + " " + p.value(u.value()));
          }
        }
        default -> throw new IllegalArgumentException("not a legacy action: " + u.action());
      }
    }
    List<String> clauses = new ArrayList<>();
    clause(clauses, "SET", set);
    clause(clauses, "REMOVE", remove);
    clause(clauses, "ADD", add);
    clause(clauses, "DELETE", delete);
    return p.result(String.join(" ", clauses));
  }

  private static void clause(List<String> out, String keyword, List<String> actions) {
    if (!actions.isEmpty()) {
      out.add(keyword + " " + String.join(", ", actions));
    }
  }

  /** AttributesToGet as a ProjectionExpression of top-level names; null when absent. */
  static Translated projection(List<String> attributesToGet) {
    if (attributesToGet == null) {
      return null;
    }
    Placeholders p = new Placeholders("p");
    List<String> paths = new ArrayList<>();
    attributesToGet.forEach(a -> paths.add(p.name(a)));
    return p.result(String.join(", ", paths));
  }

  /** Generated placeholders: one name per distinct attribute, one value per use. */
  static final class Placeholders {
    private final String prefix;
    private final Map<String, String> byAttribute = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    Placeholders(String prefix) {
      this.prefix = prefix;
    }

    String name(String attribute) {
      return byAttribute.computeIfAbsent(attribute, a -> {
        String key = "#" + prefix + names.size();
        names.put(key, a);
        return key;
      });
    }

    String value(AttributeValue v) {
      String key = ":" + prefix + values.size();
      values.put(key, v);
      return key;
    }

    Translated result(String text) {
      return new Translated(text, Map.copyOf(names), Map.copyOf(values));
    }
  }
}
