package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Expression parameter errors: syntax, reserved words, unused or undefined names and values, misuse of functions
 * (texts recorded against DynamoDB by dynalite and other emulators' tests).
 */
class ExpressionErrorsIT extends CompatBase {
  static String table;

  @BeforeAll
  static void createTable() {
    table = createHashTable("exprerr", ScalarAttributeType.S);
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("k"), "a", n(1))));
  }

  static void condition(String expression, Map<String, String> names, Map<String, ?> values) {
    @SuppressWarnings("unchecked")
    var vals = (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>) values;
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("k"), "a", n(2))).conditionExpression(expression)
        .expressionAttributeNames(names).expressionAttributeValues(vals));
  }

  @Test
  @ReferenceDiffers(reason = "reports syntax errors in its parser generator's words (Expected ... but ... found) "
      + "instead of DynamoDB's 'Syntax error; token: ..., near: ...'")
  void syntaxErrors() {
    expectValidation(() -> condition("a = :v extra", null, Map.of(":v", n(1))),
        "Invalid ConditionExpression: Syntax error; token: \"extra\", near: \":v extra\"");
    expectValidation(() -> condition("a = :v AND", null, Map.of(":v", n(1))),
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    expectValidation(() -> condition("foo", null, null),
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"");
    expectValidation(() -> condition("a BETWEEN :x OR :y", null, Map.of(":x", n(1), ":y", n(2))),
        "Invalid ConditionExpression: Syntax error; token: \"OR\", near: \":x OR :y\"");
    expectValidation(() -> ddb.scan(q -> q.tableName(table).filterExpression("a == :v")
            .expressionAttributeValues(Map.of(":v", n(1)))),
        "Invalid FilterExpression: Syntax error; token: \"=\", near: \"== :v\"");
    expectValidation(() -> ddb.getItem(g -> g.tableName(table).key(item("pk", s("k"))).projectionExpression("a,")),
        "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
  }

  @Test
  void reservedWords() {
    expectValidation(() -> condition("name = :v", null, Map.of(":v", n(1))),
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
    expectValidation(() -> ddb.getItem(g -> g.tableName(table).key(item("pk", s("k")))
            .projectionExpression("a, status")),
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status");
    expectValidation(() -> ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
            .filterExpression("size = :p").expressionAttributeValues(Map.of(":p", s("k")))),
        "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: size");
  }

  @Test
  void undefinedAndUnusedNamesAndValues() {
    expectValidation(() -> condition("a = :v", null, null),
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
            + "attribute value: :v");
    expectValidation(() -> condition("#a = :v", null, Map.of(":v", n(1))),
        "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
            + "attribute name: #a");
    expectValidation(() -> condition("a = :v", null, Map.of(":v", n(1), ":w", n(2))),
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
    expectValidation(() -> condition("a = :v", Map.of("#x", "x"), Map.of(":v", n(1))),
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}");
    expectValidation(() -> condition("attribute_exists(a)", null, Map.of()),
        "ExpressionAttributeValues must not be empty");
    expectValidation(() -> condition("attribute_exists(a)", Map.of(), null),
        "ExpressionAttributeNames must not be empty");
    expectValidation(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("k")))
            .expressionAttributeNames(Map.of("#a", "a"))),
        "ExpressionAttributeNames can only be specified when using expressions");
    expectValidation(() -> ddb.deleteItem(p -> p.tableName(table).key(item("pk", s("k")))
            .expressionAttributeValues(Map.of(":a", s("a")))),
        "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
    expectValidation(() -> ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
            .projectionExpression("#x").expressionAttributeNames(Map.of("#x", "x", "#y", "y"))
            .expressionAttributeValues(Map.of(":p", s("k")))),
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#y}");
  }

  @Test
  void functionMisuse() {
    expectValidation(() -> condition("foo(a)", null, null),
        "Invalid ConditionExpression: Invalid function name; function: foo");
    expectValidation(() -> condition("attribute_exists(a, a)", null, null),
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
            + "attribute_exists, number of operands: 2");
    expectValidation(() -> condition("a = a", null, null),
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
            + "operator or function; operator: =, first operand: [a]");
    expectValidation(() -> condition("begins_with(a, :v)", null, Map.of(":v", n(1))),
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
            + "begins_with, operand type: N");
    expectValidation(() -> condition("attribute_type(a, :v)", null, Map.of(":v", s("STRING"))),
        "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: "
            + "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    expectValidation(() -> condition("a BETWEEN :hi AND :lo", null, Map.of(":hi", n(3), ":lo", n(1))),
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
            + "bound; lower bound operand: AttributeValue: {N:3}, upper bound operand: AttributeValue: {N:1}");
    expectValidation(() -> condition("((a = :v))", null, Map.of(":v", n(1))),
        "Invalid ConditionExpression: The expression has redundant parentheses;");
    assertThat(get(table, item("pk", s("k")))).isEqualTo(item("pk", s("k"), "a", n(1)));
  }

  @Test
  @ReferenceDiffers(reason = "calls update functions in a ConditionExpression invalid function names instead of "
      + "functions not allowed there")
  void updateFunctionsAreNotAllowedInConditions() {
    expectValidation(() -> condition("if_not_exists(a, :v) = :v", null, Map.of(":v", n(1))),
        "Invalid ConditionExpression: The function is not allowed in a condition expression; function: "
            + "if_not_exists");
  }

  @Test
  void mixingLegacyAndExpressionParameters() {
    expectValidation(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("k")))
            .conditionExpression("attribute_not_exists(pk)")
            .expected(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder()
                .exists(false).build()))),
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
            + "{Expected} Expression parameters: {ConditionExpression}");
    expectValidation(() -> ddb.getItem(g -> g.tableName(table).key(item("pk", s("k"))).projectionExpression("a")
            .attributesToGet("a")),
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
            + "{AttributesToGet} Expression parameters: {ProjectionExpression}");
    expectValidation(() -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("k"))).updateExpression("REMOVE a")
            .attributeUpdates(Map.of("a", software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate
                .builder().action("DELETE").build()))),
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
            + "{AttributeUpdates} Expression parameters: {UpdateExpression}");
    assertThat(get(table, item("pk", s("k")))).isEqualTo(item("pk", s("k"), "a", n(1)));
  }
}
