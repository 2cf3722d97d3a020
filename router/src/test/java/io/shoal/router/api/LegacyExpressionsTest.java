package io.shoal.router.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.shoal.core.expression.ExpressionKind;
import io.shoal.core.expression.Expressions;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.StringSet;
import io.shoal.router.api.LegacyConditions.Condition;
import io.shoal.router.api.LegacyExpressions.AttributeUpdate;
import io.shoal.router.api.LegacyExpressions.Translated;
import io.shoal.router.error.DynamoException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The legacy parameters' translation into expressions: the generated text, and that the text evaluated by the core
 * expression module has the legacy semantics where they differ from the obvious reading (missing attributes, sets,
 * lists, binary).
 */
class LegacyExpressionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Expressions EXPRESSIONS = new Expressions();

  private static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  private static AttributeValue n(String v) {
    return AttributeValue.newBuilder().setN(v).build();
  }

  private static AttributeValue ss(String... v) {
    return AttributeValue.newBuilder().setSs(StringSet.newBuilder().addAllValues(List.of(v))).build();
  }

  private static AttributeValue list(AttributeValue... v) {
    return AttributeValue.newBuilder().setL(AttributeList.newBuilder().addAllValues(List.of(v))).build();
  }

  private static final Item ITEM = Item.newBuilder()
      .putAttributes("pk", s("k"))
      .putAttributes("n", n("5"))
      .putAttributes("s", s("hello"))
      .putAttributes("ss", ss("a", "b"))
      .putAttributes("l", list(s("x"), n("1")))
      .putAttributes("bin", AttributeValue.newBuilder().setB(ByteString.copyFrom(new byte[] {1, 2, 3})).build())
      .putAttributes("a.b", s("dotted"))
      .build();

  private static Translated one(String attribute, String op, AttributeValue... values) {
    return LegacyExpressions.condition(Map.of(attribute, new Condition(op, List.of(values))), null);
  }

  private static boolean holds(Translated t) {
    return EXPRESSIONS.condition(ExpressionKind.CONDITION, t.text(), t.attributes()).evaluate(ITEM);
  }

  @Test
  void eachOperatorBecomesTheMatchingExpressionWithGeneratedPlaceholders() {
    assertThat(one("a", "EQ", s("x")).text()).isEqualTo("(#l0 = :l0)");
    assertThat(one("a", "NE", s("x")).text()).isEqualTo("(#l0 <> :l0)");
    assertThat(one("a", "LE", n("1")).text()).isEqualTo("(#l0 <= :l0)");
    assertThat(one("a", "NULL").text()).isEqualTo("(attribute_not_exists(#l0))");
    assertThat(one("a", "NOT_NULL").text()).isEqualTo("(attribute_exists(#l0))");
    assertThat(one("a", "NOT_CONTAINS", s("x")).text()).isEqualTo("(NOT contains(#l0, :l0))");
    assertThat(one("a", "BEGINS_WITH", s("x")).text()).isEqualTo("(begins_with(#l0, :l0))");
    assertThat(one("a", "IN", s("x"), s("y"), s("z")).text()).isEqualTo("(#l0 IN (:l0, :l1, :l2))");
    assertThat(one("a", "BETWEEN", n("1"), n("2")).text()).isEqualTo("(#l0 BETWEEN :l0 AND :l1)");
    Translated t = one("size", "EQ", n("1")); // a reserved word is safe behind its placeholder
    assertThat(t.names()).containsExactly(Map.entry("#l0", "size"));
    assertThat(t.values()).containsExactly(Map.entry(":l0", n("1")));
  }

  @Test
  void conditionalOperatorJoinsParenthesisedTerms() {
    Map<String, Condition> c = new LinkedHashMap<>();
    c.put("a", new Condition("EQ", List.of(s("1"))));
    c.put("b", new Condition("NOT_CONTAINS", List.of(s("2"))));
    assertThat(LegacyExpressions.condition(c, "OR").text()).isEqualTo("(#l0 = :l0) OR (NOT contains(#l1, :l1))");
    assertThat(LegacyExpressions.condition(c, null).text()).isEqualTo("(#l0 = :l0) AND (NOT contains(#l1, :l1))");
    assertThat(LegacyExpressions.condition(Map.of(), "OR")).isNull();
  }

  @Test
  void operatorsThatMustHoldOnAMissingAttribute() {
    // Legacy NE, NOT_CONTAINS and NULL are true when the attribute is absent (dynalite db/index.js matchesFilter).
    assertThat(holds(one("zz", "NE", s("x")))).isTrue();
    assertThat(holds(one("zz", "NOT_CONTAINS", s("x")))).isTrue();
    assertThat(holds(one("zz", "NULL"))).isTrue();
    // ... and the ordering operators, EQ, CONTAINS, IN and BETWEEN are false.
    for (String op : List.of("EQ", "LT", "LE", "GT", "GE", "CONTAINS", "BEGINS_WITH", "IN")) {
      assertThat(holds(one("zz", op, s("x")))).as(op).isFalse();
    }
    assertThat(holds(one("zz", "BETWEEN", s("a"), s("z")))).isFalse();
  }

  @Test
  void setsListsAndBinary() {
    assertThat(holds(one("ss", "EQ", ss("b", "a")))).as("set equality ignores order").isTrue();
    assertThat(holds(one("ss", "NE", ss("a")))).isTrue();
    assertThat(holds(one("ss", "CONTAINS", s("a")))).as("set member").isTrue();
    assertThat(holds(one("s", "CONTAINS", s("ell")))).as("substring").isTrue();
    assertThat(holds(one("l", "CONTAINS", n("1.0")))).as("list element, numerically").isTrue();
    AttributeValue two = AttributeValue.newBuilder().setB(ByteString.copyFrom(new byte[] {2, 3})).build();
    assertThat(holds(one("bin", "CONTAINS", two))).as("binary subsequence").isTrue();
    assertThat(holds(one("ss", "NOT_CONTAINS", s("a")))).isFalse();
    assertThat(holds(one("n", "NE", s("5")))).as("another type is not equal").isTrue();
    assertThat(holds(one("n", "GT", s("1")))).as("another type does not compare").isFalse();
    assertThat(holds(one("a.b", "EQ", s("dotted")))).as("a dotted name is one attribute").isTrue();
  }

  @Test
  void attributeUpdatesBecomeOneUpdateExpression() {
    Translated t = LegacyExpressions.update(List.of(
        new AttributeUpdate("a", "PUT", s("x")),
        new AttributeUpdate("gone", "DELETE", null),
        new AttributeUpdate("n", "ADD", n("2")),
        new AttributeUpdate("ss", "DELETE", ss("a")),
        new AttributeUpdate("l", "ADD", list(s("y")))));
    assertThat(t.text()).isEqualTo("SET #u0 = :u0, #u4 = list_append(if_not_exists(#u4, :u3), :u4)"
        + " REMOVE #u1 ADD #u2 :u1 DELETE #u3 :u2");
    Item after = EXPRESSIONS.update(t.text(), t.attributes()).apply(ITEM);
    assertThat(after.getAttributesMap().get("a")).isEqualTo(s("x"));
    assertThat(after.getAttributesMap().get("n")).isEqualTo(n("7"));
    assertThat(after.getAttributesMap().get("ss")).isEqualTo(ss("b"));
    assertThat(after.getAttributesMap().get("l")).isEqualTo(list(s("x"), n("1"), s("y")));
  }

  @Test
  void legacyAddOfAListCreatesTheList() {
    Translated t = LegacyExpressions.update(List.of(new AttributeUpdate("new", "ADD", list(s("y")))));
    Item after = EXPRESSIONS.update(t.text(), t.attributes()).apply(ITEM);
    assertThat(after.getAttributesMap().get("new")).isEqualTo(list(s("y")));
  }

  @Test
  void attributesToGetProjectsTopLevelNamesLiterally() {
    Translated t = LegacyExpressions.projection(List.of("a.b", "n", "missing"));
    Item projected = EXPRESSIONS.projection(t.text(), t.attributes()).apply(ITEM);
    assertThat(projected.getAttributesMap()).containsOnlyKeys("a.b", "n");
  }

  @Test
  void expectedForms() throws Exception {
    Map<String, Condition> c = LegacyExpected.read((ObjectNode) JSON.readTree(
        "{\"a\": {\"Exists\": false}, \"b\": {\"Value\": {\"S\": \"x\"}},"
            + " \"c\": {\"Exists\": true, \"Value\": {\"N\": \"1\"}},"
            + " \"d\": {\"ComparisonOperator\": \"GT\", \"Value\": {\"N\": \"1\"}}}"));
    assertThat(c).containsExactly(
        Map.entry("a", new Condition("NULL", List.of())),
        Map.entry("b", new Condition("EQ", List.of(s("x")))),
        Map.entry("c", new Condition("EQ", List.of(n("1")))),
        Map.entry("d", new Condition("GT", List.of(n("1")))));
  }

  @Test
  void expectedErrorsComeInTheValidationEnvelope() {
    assertThatThrownBy(() -> LegacyExpected.read((ObjectNode) JSON.readTree("{\"a\": {\"Exists\": true}}")))
        .isInstanceOf(DynamoException.class)
        .hasMessage("1 validation error detected: One or more parameter values were invalid: Value must be provided"
            + " when Exists is true for Attribute: a");
    assertThatThrownBy(() -> LegacyExpected.read((ObjectNode) JSON.readTree(
        "{\"a\": {\"ComparisonOperator\": \"CONTAINS\", \"AttributeValueList\": [{\"SS\": [\"x\"]}]}}")))
        .hasMessage("1 validation error detected: One or more parameter values were invalid: ComparisonOperator"
            + " CONTAINS is not valid for SS AttributeValue type");
  }

  @Test
  void attributeUpdatesDefaultToPut() throws Exception {
    assertThat(LegacyAttributeUpdates.read((ObjectNode) JSON.readTree("{\"a\": {\"Value\": {\"S\": \"x\"}}}")))
        .containsExactly(new AttributeUpdate("a", "PUT", s("x")));
    assertThatThrownBy(() -> LegacyAttributeUpdates.read((ObjectNode) JSON.readTree(
        "{\"a\": {\"Action\": \"DELETE\", \"Value\": {\"L\": []}}}")))
        .hasMessage("One or more parameter values were invalid: DELETE action with value is not supported for the"
            + " type L");
  }
}
