package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * ConditionExpression semantics (developer guide "Condition expressions" comparator and function reference),
 * evaluated by a condition-only UpdateItem on an existing item, which writes nothing.
 */
class ConditionExpressionIT extends CompatBase {
  static String table;
  static final Map<String, AttributeValue> KEY = item("pk", s("c"));
  static final Map<String, AttributeValue> POOL = new LinkedHashMap<>();
  static final Map<String, String> NAMES = Map.of("#n", "n", "#m", "m", "#dot", "a.b");

  static {
    POOL.put(":one", n(1));
    POOL.put(":two", n(2));
    POOL.put(":three", n(3));
    POOL.put(":four", n(4));
    POOL.put(":five", n(5));
    POOL.put(":six", n(6));
    POOL.put(":seven", n(7));
    POOL.put(":fivef", n("5.0"));
    POOL.put(":hello", s("hello"));
    POOL.put(":he", s("he"));
    POOL.put(":lo", s("lo"));
    POOL.put(":ell", s("ell"));
    POOL.put(":abc", s("abc"));
    POOL.put(":x", s("x"));
    POOL.put(":a", s("a"));
    POOL.put(":z", s("z"));
    POOL.put(":tN", s("N"));
    POOL.put(":tS", s("S"));
    POOL.put(":tSS", s("SS"));
    POOL.put(":tNULL", s("NULL"));
    POOL.put(":tL", s("L"));
    POOL.put(":tM", s("M"));
    POOL.put(":tBOOL", s("BOOL"));
    POOL.put(":true", bool(true));
    POOL.put(":list", l(n(1), n(2), n(3)));
  }

  @BeforeAll
  static void seed() {
    table = createHashTable("cond", ScalarAttributeType.S);
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("c"), "n", n(5), "s", s("hello"),
        "l", l(n(1), n(2), n(3)), "ss", ss("a", "b"), "m", m("x", n(1)), "nul", nul(), "t", bool(true),
        "a.b", s("dotted"))));
  }

  static boolean holds(String condition) {
    try {
      ddb.updateItem(u -> u.tableName(table).key(KEY).conditionExpression(condition)
          .expressionAttributeValues(Exprs.values(POOL, condition))
          .expressionAttributeNames(Exprs.names(NAMES, condition)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
      assertThat(e.statusCode()).isEqualTo(400);
      return false;
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "n = :five | true", "n = :fivef | true", "n <> :five | false", "n < :six | true", "n < :five | false",
      "n <= :five | true", "n > :five | false", "n > :four | true", "n >= :five | true",
      "s > :abc | true", "s < :abc | false", "s = :five | false", "s <> :five | true",
      "n BETWEEN :four AND :six | true", "n BETWEEN :five AND :five | true", "n BETWEEN :six AND :seven | false",
      "n IN (:four, :five) | true", "n IN (:four, :six) | false", "s IN (:hello) | true",
      "s = :hello AND n = :five | true", "s = :x AND n = :five | false", "s = :x OR n = :five | true",
      "s = :x OR n = :six | false", "NOT n = :five | false", "NOT (s = :x OR n = :six) | true",
      "n = :five AND (s = :x OR t = :true) | true", "n = :six OR s = :hello AND t = :true | true",
      "attribute_exists(s) | true", "attribute_exists(nope) | false", "attribute_not_exists(nope) | true",
      "attribute_not_exists(pk) | false", "attribute_exists(m.x) | true", "attribute_exists(m.y) | false",
      "attribute_exists(l[2]) | true", "attribute_exists(l[3]) | false",
      "attribute_type(n, :tN) | true", "attribute_type(n, :tS) | false", "attribute_type(ss, :tSS) | true",
      "attribute_type(nul, :tNULL) | true", "attribute_type(l, :tL) | true", "attribute_type(m, :tM) | true",
      "attribute_type(t, :tBOOL) | true", "attribute_type(nope, :tS) | false",
      "begins_with(s, :he) | true", "begins_with(s, :lo) | false", "begins_with(n, :he) | false",
      "contains(s, :ell) | true", "contains(s, :z) | false", "contains(ss, :a) | true", "contains(ss, :z) | false",
      "contains(l, :two) | true", "contains(l, :seven) | false",
      "size(s) = :five | true", "size(l) = :three | true", "size(ss) = :two | true", "size(m) = :one | true",
      "size(s) > :five | false", "size(nope) = :one | false",
      "m.x = :one | true", "l[1] = :two | true", "#n = :five | true", "#m.x = :one | true",
      "#dot = :one | false", "attribute_exists(#dot) | true"})
  void conditionsEvaluateLikeDynamoDb(String condition, boolean expected) {
    assertThat(holds(condition)).as(condition).isEqualTo(expected);
  }

  @Test
  @ReferenceDiffers(reason = "compares L and M values by reference, so '=' between equal lists is false")
  void listsCompareByValue() {
    assertThat(holds("l = :list")).isTrue();
  }

  @Test
  void conditionOnAMissingItemSeesNoAttributes() {
    Map<String, AttributeValue> missing = item("pk", s("missing"));
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("missing"), "v", n(1)))
        .conditionExpression("attribute_not_exists(pk)"));
    var e = expectError(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("missing"), "v", n(2)))
            .conditionExpression("attribute_not_exists(pk)")),
        "ConditionalCheckFailedException", "The conditional request failed");
    assertThat(e).isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(get(table, missing).get("v")).isEqualTo(n(1));
  }

  @Test
  @ReferenceDiffers(reason = "does not return the item for ReturnValuesOnConditionCheckFailure=ALL_OLD")
  void failedConditionReturnsTheOldItemWhenAsked() {
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("rv"), "v", n(1))));
    ConditionalCheckFailedException e = (ConditionalCheckFailedException) expectError(() ->
            ddb.putItem(p -> p.tableName(table).item(item("pk", s("rv"), "v", n(2)))
                .conditionExpression("v = :two").expressionAttributeValues(Map.of(":two", n(2)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
        "ConditionalCheckFailedException", "The conditional request failed");
    assertThat(e.item()).isEqualTo(item("pk", s("rv"), "v", n(1)));

    ConditionalCheckFailedException d = (ConditionalCheckFailedException) expectError(() ->
            ddb.deleteItem(p -> p.tableName(table).key(item("pk", s("rv")))
                .conditionExpression("attribute_not_exists(v)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
        "ConditionalCheckFailedException", "The conditional request failed");
    assertThat(d.item()).isEqualTo(item("pk", s("rv"), "v", n(1)));

    ConditionalCheckFailedException u = (ConditionalCheckFailedException) expectError(() ->
            ddb.updateItem(p -> p.tableName(table).key(item("pk", s("rv"))).updateExpression("SET v = :two")
                .conditionExpression("v > :two").expressionAttributeValues(Map.of(":two", n(2)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
        "ConditionalCheckFailedException", "The conditional request failed");
    assertThat(u.item()).isEqualTo(item("pk", s("rv"), "v", n(1)));
  }

  @Test
  void failedConditionWithoutAllOldCarriesNoItem() {
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("rv2"), "v", n(1))));
    ConditionalCheckFailedException e = (ConditionalCheckFailedException) expectError(() ->
            ddb.putItem(p -> p.tableName(table).item(item("pk", s("rv2"), "v", n(2)))
                .conditionExpression("attribute_not_exists(pk)")),
        "ConditionalCheckFailedException", "The conditional request failed");
    assertThat(e.hasItem()).isFalse();
  }
}
