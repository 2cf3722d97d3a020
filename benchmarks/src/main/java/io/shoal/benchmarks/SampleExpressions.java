package io.shoal.benchmarks;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.ExpressionSpec;
import io.shoal.proto.StringSet;
import java.util.Map;

/**
 * A ConditionExpression and an UpdateExpression of the kind an application sends with UpdateItem, with their
 * names and values. Both hold for, and apply to, every {@link SampleItems} item, and applying the update again
 * keeps the item's size (it adds a counter, overwrites scalars and adds a set member once).
 */
public final class SampleExpressions {
  public static final String CONDITION = "attribute_exists(#pk) AND #status = :active"
      + " AND #age BETWEEN :minAge AND :maxAge AND (contains(#roles, :role) OR size(#tags) > :minTags)";
  public static final Map<String, String> CONDITION_NAMES =
      Map.of("#pk", "pk", "#status", "status", "#age", "age", "#roles", "roles", "#tags", "tags");
  public static final Map<String, AttributeValue> CONDITION_VALUES = Map.of(
      ":active", SampleItems.s("active"), ":minAge", SampleItems.n("18"), ":maxAge", SampleItems.n("99"),
      ":role", SampleItems.s("viewer"), ":minTags", SampleItems.n("2"));

  public static final String UPDATE = "SET #visits = #visits + :one, #updated = :now, #address.#city = :city,"
      + " #prefs.#theme = if_not_exists(#prefs.#theme, :theme) ADD #roles :newRoles";
  public static final Map<String, String> UPDATE_NAMES = Map.of("#visits", "visits", "#updated", "updated",
      "#address", "address", "#city", "city", "#prefs", "prefs", "#theme", "theme", "#roles", "roles");
  public static final Map<String, AttributeValue> UPDATE_VALUES = Map.of(
      ":one", SampleItems.n("1"), ":now", SampleItems.n("1700000123456"), ":city", SampleItems.s("Porto"),
      ":theme", SampleItems.s("dark"),
      ":newRoles", AttributeValue.newBuilder().setSs(StringSet.newBuilder().addValues("support")).build());

  private SampleExpressions() {}

  /** The condition as the router puts it in a Raft command. */
  public static ExpressionSpec conditionSpec() {
    return ExpressionSpec.newBuilder().setText(CONDITION).putAllNames(CONDITION_NAMES)
        .putAllValues(CONDITION_VALUES).build();
  }

  /** The update as the router puts it in a Raft command. */
  public static ExpressionSpec updateSpec() {
    return ExpressionSpec.newBuilder().setText(UPDATE).putAllNames(UPDATE_NAMES).putAllValues(UPDATE_VALUES).build();
  }
}
