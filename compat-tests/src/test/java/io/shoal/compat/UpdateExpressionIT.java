package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** UpdateExpression actions and every ReturnValues option (developer guide "Update expressions"). */
class UpdateExpressionIT extends CompatBase {
  static String table;
  static final Map<String, AttributeValue> POOL = new LinkedHashMap<>();

  static {
    POOL.put(":one", n(1));
    POOL.put(":ten", n(10));
    POOL.put(":zero", n(0));
    POOL.put(":v", s("v"));
    POOL.put(":more", l(n(4), n(5)));
    POOL.put(":front", l(n(0)));
    POOL.put(":set", ss("b", "c"));
    POOL.put(":del", ss("a", "zz"));
    POOL.put(":nset", ns("1", "2"));
  }

  @BeforeAll
  static void createTable() {
    table = createHashTable("update", ScalarAttributeType.S);
  }

  static Map<String, AttributeValue> key(String k) {
    return item("pk", s(k));
  }

  static UpdateItemResponse update(String k, String expression, ReturnValue rv) {
    return ddb.updateItem(u -> u.tableName(table).key(key(k)).updateExpression(expression)
        .expressionAttributeValues(Exprs.values(POOL, expression)).returnValues(rv));
  }

  static void seed(String k) {
    ddb.putItem(p -> p.tableName(table).item(item("pk", s(k), "n", n(5), "l", l(n(1), n(2), n(3)),
        "ss", ss("a", "b"), "m", m("x", n(1), "y", m("z", s("deep"))), "s", s("str"))));
  }

  @Test
  void setWithArithmetic() {
    seed("arith");
    assertThat(update("arith", "SET n = n + :ten", ReturnValue.UPDATED_NEW).attributes()).isEqualTo(item("n", n(15)));
    assertThat(update("arith", "SET n = n - :one", ReturnValue.UPDATED_NEW).attributes()).isEqualTo(item("n", n(14)));
    assertThat(update("arith", "SET c = :ten - n", ReturnValue.UPDATED_NEW).attributes()).isEqualTo(item("c", n(-4)));
  }

  @Test
  void listAppendBothWays() {
    seed("append");
    assertThat(update("append", "SET l = list_append(l, :more)", ReturnValue.UPDATED_NEW).attributes())
        .isEqualTo(item("l", l(n(1), n(2), n(3), n(4), n(5))));
    assertThat(update("append", "SET l = list_append(:front, l)", ReturnValue.UPDATED_NEW).attributes())
        .isEqualTo(item("l", l(n(0), n(1), n(2), n(3), n(4), n(5))));
  }

  @Test
  void ifNotExists() {
    seed("ine");
    assertThat(update("ine", "SET n = if_not_exists(n, :zero), c = if_not_exists(c, :zero)",
        ReturnValue.UPDATED_NEW).attributes()).isEqualTo(item("n", n(5), "c", n(0)));
    assertThat(update("ine", "SET cnt = if_not_exists(cnt, :zero) + :one", ReturnValue.UPDATED_NEW).attributes())
        .isEqualTo(item("cnt", n(1)));
  }

  @Test
  void nestedSetAndListIndex() {
    seed("nested");
    assertThat(update("nested", "SET m.y.z = :v, l[1] = :ten", ReturnValue.UPDATED_NEW).attributes())
        .isEqualTo(item("m", m("y", m("z", s("v"))), "l", l(n(10))));
    assertThat(update("nested", "SET l[10] = :one", ReturnValue.ALL_NEW).attributes().get("l"))
        .as("an index past the end appends").isEqualTo(l(n(1), n(10), n(3), n(1)));
  }

  @Test
  void removeAttributesAndListElements() {
    seed("remove");
    assertThat(update("remove", "REMOVE s, l[0], m.x", ReturnValue.UPDATED_OLD).attributes())
        .isEqualTo(item("s", s("str"), "l", l(n(1)), "m", m("x", n(1))));
    Map<String, AttributeValue> after = get(table, key("remove"));
    assertThat(after).doesNotContainKey("s");
    assertThat(after.get("l")).as("later elements shift down").isEqualTo(l(n(2), n(3)));
    assertThat(after.get("m")).isEqualTo(m("y", m("z", s("deep"))));
    assertThat(update("remove", "REMOVE nothere", ReturnValue.ALL_NEW).attributes()).isEqualTo(after);
  }

  @Test
  void addNumbersAndSets() {
    seed("add");
    assertThat(update("add", "ADD n :ten, newnum :one", ReturnValue.UPDATED_NEW).attributes())
        .isEqualTo(item("n", n(15), "newnum", n(1)));
    Map<String, AttributeValue> attrs = update("add", "ADD ss :set, nums :nset", ReturnValue.UPDATED_NEW).attributes();
    assertThat(attrs.get("ss").ss()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(attrs.get("nums").ns()).containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void deleteFromSets() {
    seed("del");
    assertThat(update("del", "DELETE ss :del", ReturnValue.UPDATED_NEW).attributes()).isEqualTo(item("ss", ss("b")));
    update("del", "DELETE ss :set", ReturnValue.NONE);
    assertThat(get(table, key("del"))).as("deleting every element removes the set").doesNotContainKey("ss");
  }

  @Test
  void allSectionsTogether() {
    seed("all");
    update("all", "SET a = :v REMOVE s ADD n :one DELETE ss :del", ReturnValue.NONE);
    Map<String, AttributeValue> got = get(table, key("all"));
    assertThat(got.get("a")).isEqualTo(s("v"));
    assertThat(got).doesNotContainKey("s");
    assertThat(got.get("n")).isEqualTo(n(6));
    assertThat(got.get("ss")).isEqualTo(ss("b"));
  }

  @Test
  void everyReturnValuesOption() {
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("rv"), "a", n(1), "b", s("keep"))));
    UpdateItemResponse none = update("rv", "SET a = a + :one", ReturnValue.NONE);
    assertThat(none.hasAttributes()).isFalse();
    assertThat(update("rv", "SET a = a + :one", ReturnValue.ALL_OLD).attributes())
        .isEqualTo(item("pk", s("rv"), "a", n(2), "b", s("keep")));
    assertThat(update("rv", "SET a = a + :one", ReturnValue.UPDATED_OLD).attributes()).isEqualTo(item("a", n(3)));
    assertThat(update("rv", "SET a = a + :one", ReturnValue.ALL_NEW).attributes())
        .isEqualTo(item("pk", s("rv"), "a", n(5), "b", s("keep")));
    assertThat(update("rv", "SET a = a + :one", ReturnValue.UPDATED_NEW).attributes()).isEqualTo(item("a", n(6)));
    assertThat(update("rv-new", "SET a = :one", ReturnValue.ALL_OLD).hasAttributes())
        .as("ALL_OLD of a created item").isFalse();
  }

  @Test
  void putAndDeleteReturnValues() {
    var first = ddb.putItem(p -> p.tableName(table).item(item("pk", s("pd"), "v", n(1)))
        .returnValues(ReturnValue.ALL_OLD));
    assertThat(first.hasAttributes()).isFalse();
    var second = ddb.putItem(p -> p.tableName(table).item(item("pk", s("pd"), "v", n(2)))
        .returnValues(ReturnValue.ALL_OLD));
    assertThat(second.attributes()).isEqualTo(item("pk", s("pd"), "v", n(1)));
    var none = ddb.putItem(p -> p.tableName(table).item(item("pk", s("pd"), "v", n(3))).returnValues(ReturnValue.NONE));
    assertThat(none.hasAttributes()).isFalse();
    var del = ddb.deleteItem(d -> d.tableName(table).key(key("pd")).returnValues(ReturnValue.ALL_OLD));
    assertThat(del.attributes()).isEqualTo(item("pk", s("pd"), "v", n(3)));
    var again = ddb.deleteItem(d -> d.tableName(table).key(key("pd")).returnValues(ReturnValue.ALL_OLD));
    assertThat(again.hasAttributes()).isFalse();
    expectValidation(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("pd")))
        .returnValues(ReturnValue.ALL_NEW)), "ReturnValues can only be ALL_OLD or NONE");
    expectValidation(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("pd")))
        .returnValues(ReturnValue.UPDATED_OLD)), "ReturnValues can only be ALL_OLD or NONE");
    assertThat(get(table, key("pd"))).isNull();
  }

  @Test
  @ReferenceDiffers(reason = "accepts any ReturnValues on DeleteItem")
  void deleteAcceptsOnlyAllOldOrNone() {
    // DynamoDB's answer as reported in boto/boto3 issue #4339
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("del-rv"))));
    expectValidation(() -> ddb.deleteItem(p -> p.tableName(table).key(key("del-rv"))
        .returnValues(ReturnValue.UPDATED_NEW)), "ReturnValues can only be ALL_OLD or NONE");
    assertThat(get(table, key("del-rv"))).isNotNull();
  }

  @Test
  void runtimeErrors() {
    seed("rt");
    expectValidation(() -> update("rt", "SET x = nothere + :one", ReturnValue.NONE),
        "The provided expression refers to an attribute that does not exist in the item");
    expectValidation(() -> update("rt", "SET x = s + :one", ReturnValue.NONE),
        "An operand in the update expression has an incorrect data type");
    expectValidation(() -> update("rt", "ADD s :one", ReturnValue.NONE),
        "An operand in the update expression has an incorrect data type");
    expectValidation(() -> update("rt", "SET nothere.x = :one", ReturnValue.NONE),
        "The document path provided in the update expression is invalid for update");
    expectValidation(() -> update("rt", "SET pk = :v", ReturnValue.NONE),
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
  }

  @Test
  @ReferenceDiffers(reason = "calls size() in an UpdateExpression an invalid function name instead of a function "
      + "not allowed there")
  void conditionFunctionsAreNotAllowedInUpdates() {
    expectValidation(() -> update("st", "SET a = size(b)", ReturnValue.NONE),
        "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
  }

  @Test
  @ReferenceDiffers(reason = "reports syntax errors in its parser generator's words (Expected ... but ... found) "
      + "instead of DynamoDB's 'Syntax error; token: ..., near: ...'")
  void updateSyntaxErrors() {
    expectValidation(() -> update("st", "SET a = :v,", ReturnValue.NONE),
        "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    expectValidation(() -> update("st", "SET a = b + 2", ReturnValue.NONE),
        "Invalid UpdateExpression: Syntax error; token: \"2\", near: \"+ 2\"");
  }

  @Test
  void staticErrors() {
    expectValidation(() -> update("st", "SET year = :v", ReturnValue.NONE),
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: year");
    expectValidation(() -> update("st", "SET a = :v REMOVE a.b", ReturnValue.NONE),
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
            + "paths; path one: [a], path two: [a, b]");
    expectValidation(() -> update("st", "SET a = :v SET b = :v", ReturnValue.NONE),
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
    expectValidation(() -> update("st", "ADD a :v", ReturnValue.NONE),
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
    expectValidation(() -> update("st", "DELETE a :one", ReturnValue.NONE),
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
    expectValidation(() -> update("st", "SET a = :undefined", ReturnValue.NONE),
        "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: "
            + ":undefined");
    assertThat(get(table, key("st"))).isNull();
  }
}
