package io.shoal.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Focused tests of the public API beyond what the golden files cover. */
class ExpressionsTest {
  private static final AttributeValue X = AttributeValue.newBuilder().setS("x").build();
  private final Expressions expressions = new Expressions(new ExpressionCache(100));

  @Test
  void reservedWordListIsCompleteAndCaseInsensitive() {
    assertThat(ReservedWords.size()).isEqualTo(573);
    assertThat(ReservedWords.isReserved("status")).isTrue();
    assertThat(ReservedWords.isReserved("ZONE")).isTrue();
    assertThat(ReservedWords.isReserved("abort")).isTrue();
    assertThat(ReservedWords.isReserved("pk")).isFalse();
  }

  @Test
  void namesAndValuesAreSharedAcrossExpressionsOfOneRequest() {
    ExpressionAttributes attrs =
        ExpressionAttributes.of(Map.of("#n", "n"), Map.of(":v", X, ":w", X));
    expressions.update("SET #n = :v", attrs);
    assertThatThrownBy(attrs::checkAllUsed)
        .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
    expressions.condition(ExpressionKind.CONDITION, "attribute_not_exists(#n) OR #n <> :w", attrs);
    attrs.checkAllUsed();
  }

  @Test
  void unusedKeysAreListedSorted() {
    ExpressionAttributes attrs =
        ExpressionAttributes.of(Map.of("#b", "b", "#a", "a", "#c", "c"), null);
    expressions.projection("#c", attrs);
    assertThatThrownBy(attrs::checkAllUsed)
        .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
  }

  @Test
  void expressionOverFourKilobytesIsRejected() {
    String text = "a = :v" + " ".repeat(ParserBase.MAX_EXPRESSION_BYTES);
    assertThatThrownBy(() -> expressions.condition(ExpressionKind.CONDITION, text,
            ExpressionAttributes.of(null, Map.of(":v", X))))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("Invalid ConditionExpression: Expression size has exceeded the maximum allowed "
            + "size; expression size: " + (6 + ParserBase.MAX_EXPRESSION_BYTES));
    String update = "SET a = :v" + " ".repeat(ParserBase.MAX_EXPRESSION_BYTES);
    assertThatThrownBy(() -> expressions.update(update, ExpressionAttributes.of(null, Map.of(":v", X))))
        .hasMessage("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
    // exactly at the limit is fine
    String atLimit = "a = :v" + " ".repeat(ParserBase.MAX_EXPRESSION_BYTES - 6);
    expressions.condition(ExpressionKind.CONDITION, atLimit, ExpressionAttributes.of(null, Map.of(":v", X)));
  }

  @Test
  void updateReportsTopLevelAttributesItTouches() {
    Update u = expressions.update("SET a.b = :v, c = :v REMOVE d[0] ADD e :n",
        ExpressionAttributes.of(null, Map.of(":v", X, ":n", AttributeValue.newBuilder().setN("1").build())));
    assertThat(u.updatedAttributes()).containsExactly("a", "c", "d", "e");
  }

  @Test
  void updateLeavesTheInputItemUnchanged() {
    Item before = Item.newBuilder().putAttributes("a", X).build();
    Item after = expressions.update("REMOVE a", ExpressionAttributes.none()).apply(before);
    assertThat(after.getAttributesMap()).isEmpty();
    assertThat(before.getAttributesMap()).containsKey("a");
  }

  @Test
  void conditionOnAbsentItem() {
    Condition c = expressions.condition(ExpressionKind.CONDITION, "attribute_not_exists(pk)",
        ExpressionAttributes.none());
    assertThat(c.evaluate((Item) null)).isTrue();
    assertThat(c.evaluate(Item.getDefaultInstance())).isTrue();
    assertThat(c.evaluate(Item.newBuilder().putAttributes("pk", X).build())).isFalse();
  }

  @Test
  void keyConditionSplitsBySchema() {
    KeyCondition k = expressions.keyCondition("sk > :v AND pk = :v",
        ExpressionAttributes.of(null, Map.of(":v", X)));
    assertThat(k.partitionKey("pk")).hasValueSatisfying(t -> {
      assertThat(t.op()).isEqualTo(KeyCondition.Op.EQ);
      assertThat(t.values()).containsExactly(X);
    });
    assertThat(k.sortKey("pk")).hasValueSatisfying(t -> {
      assertThat(t.attribute()).isEqualTo("sk");
      assertThat(t.op()).isEqualTo(KeyCondition.Op.GT);
    });
    assertThat(k.partitionKey("other")).isEmpty();
  }

  @Test
  void projectionListsTopLevelAttributes() {
    Projection p = expressions.projection("a.b, c[1], a.d", ExpressionAttributes.none());
    assertThat(p.topLevelAttributes()).containsExactly("a", "c");
  }

  @Test
  void inListIsLimitedToOneHundredValues() {
    java.util.Map<String, AttributeValue> values = new java.util.HashMap<>();
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      values.put(":v" + i, AttributeValue.newBuilder().setN(String.valueOf(i)).build());
      list.append(i == 0 ? "" : ", ").append(":v").append(i);
    }
    assertThatThrownBy(() -> expressions.condition(ExpressionKind.FILTER, "a IN (" + list + ")",
            ExpressionAttributes.of(null, values)))
        .hasMessage("Invalid FilterExpression: Too many operands for the operator or function; "
            + "operator or function: IN, number of operands: 101");
    String hundred = list.substring(0, list.lastIndexOf(", "));
    values.remove(":v100");
    Condition c = expressions.condition(ExpressionKind.FILTER, "a IN (" + hundred + ")",
        ExpressionAttributes.of(null, values));
    assertThat(c.evaluate(Item.newBuilder()
        .putAttributes("a", AttributeValue.newBuilder().setN("99").build()).build())).isTrue();
  }

  @Test
  void updatedPathsGiveUpdatedOldAndNew() {
    AttributeValue one = AttributeValue.newBuilder().setN("1").build();
    Update u = expressions.update("SET m.x = :n", ExpressionAttributes.of(null, Map.of(":n", one)));
    Item before = Item.newBuilder().putAttributes("m", AttributeValue.newBuilder()
        .setM(io.shoal.proto.AttributeMap.newBuilder().putValues("x", X).putValues("y", X)).build())
        .putAttributes("k", X).build();
    Item after = u.apply(before);
    Item updatedNew = u.updatedPaths().apply(after);
    assertThat(updatedNew.getAttributesMap()).containsOnlyKeys("m");
    assertThat(updatedNew.getAttributesOrThrow("m").getM().getValuesMap())
        .containsExactly(Map.entry("x", one));
    assertThat(u.updatedPaths().apply(before).getAttributesOrThrow("m").getM().getValuesMap())
        .containsExactly(Map.entry("x", X));
  }
}
