package io.shoal.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The 300-operator limit, on the boundary cases ScyllaDB's Alternator tests measured against DynamoDB
 * (test_limits.py): "a&lt;b or (a&lt;b or (...))" with 299 operators passes, deeper ones are refused with
 * "operator count: 301".
 */
class OperatorCountTest {
  private static final String TOO_MANY_CONDITION =
      "Invalid ConditionExpression: The expression contains too many operators; operator count: 301";

  private static String nestedOr(int depth) {
    return "a<b " + "or (a<b ".repeat(depth) + ")".repeat(depth);
  }

  @Test
  void nestedOrsUpToTheLimitParse() {
    Ast.Cond c = ConditionParser.parseCondition(nestedOr(149), ExpressionKind.CONDITION);
    assertThat(OperatorCount.count(c)).isEqualTo(299);
  }

  @Test
  void oneComparisonTooManyIsRefused() {
    // depth 150: 151 comparisons and 150 ORs.
    assertThatThrownBy(() -> ConditionParser.parseCondition(nestedOr(150), ExpressionKind.CONDITION))
        .isInstanceOf(ExpressionException.class).hasMessage(TOO_MANY_CONDITION);
  }

  @Test
  void deepNestingUnderTheSizeLimitIsRefusedForOperatorsNotForSize() {
    String expr = nestedOr(454);
    assertThat(expr.length()).isLessThan(4096);
    assertThatThrownBy(() -> ConditionParser.parseCondition(expr, ExpressionKind.CONDITION))
        .hasMessage(TOO_MANY_CONDITION);
  }

  @Test
  void notCountsAsAnOperator() {
    ConditionParser.parseCondition("not ".repeat(298) + "a<b", ExpressionKind.FILTER); // 299
    ConditionParser.parseCondition("not ".repeat(299) + "a<b", ExpressionKind.FILTER); // 300
    assertThatThrownBy(() -> ConditionParser.parseCondition("not ".repeat(300) + "a<b", ExpressionKind.FILTER))
        .hasMessage("Invalid FilterExpression: The expression contains too many operators; operator count: 301");
  }

  @Test
  void functionCallsAndParenthesesAreNotOperators() {
    Ast.Cond c = ConditionParser.parseCondition(
        "(attribute_exists(a) AND begins_with(b, :p)) OR size(c) BETWEEN :lo AND :hi OR d IN (:x, :y, :z)",
        ExpressionKind.CONDITION);
    // AND, OR, OR, BETWEEN, IN
    assertThat(OperatorCount.count(c)).isEqualTo(5);
  }

  @Test
  void arithmeticInUpdatesCounts() {
    assertThat(UpdateParser.parse(sets(300))).hasSize(300);
    assertThatThrownBy(() -> UpdateParser.parse(sets(301)))
        .hasMessage("Invalid UpdateExpression: The expression contains too many operators; operator count: 301");
  }

  /** "SET a0=:v+:v,a1=:v+:v,...": one + per action (DynamoDB's SET takes one arithmetic operator per value). */
  private static String sets(int n) {
    StringBuilder b = new StringBuilder("SET ");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append('a').append(i).append("=:v+:v");
    }
    return b.toString();
  }
}
