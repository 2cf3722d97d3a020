package io.shoal.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Deeply nested expressions under the 4 KB limit are refused cleanly, never with a stack overflow (cases from
 * ScyllaDB Alternator's test_limits.py, test_deeply_nested_expression_*, which DynamoDB refuses too).
 */
class DeepNestingTest {
  private static final Expressions EXPRESSIONS = new Expressions();
  private static final ExpressionAttributes ATTRS = ExpressionAttributes.none();

  @Test
  void redundantParenthesesTwoThousandDeep() {
    String expr = "(".repeat(2046) + "a<b" + ")".repeat(2046);
    assertThatThrownBy(() -> EXPRESSIONS.condition(ExpressionKind.CONDITION, expr, ATTRS))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("Invalid ConditionExpression: The expression has redundant parentheses;");
  }

  @Test
  void unclosedParenthesesAreASyntaxError() {
    assertThatThrownBy(() -> EXPRESSIONS.condition(ExpressionKind.CONDITION, "(".repeat(4096), ATTRS))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("Invalid ConditionExpression: Syntax error;");
  }

  @Test
  void notTwoThousandDeepIsTooManyOperators() {
    assertThatThrownBy(() -> EXPRESSIONS.condition(ExpressionKind.FILTER, "NOT (".repeat(600) + "a<b" + ")".repeat(600),
        ATTRS)).isInstanceOf(ExpressionException.class).hasMessageContaining("too many operators");
  }

  @Test
  void nestedListAppendsWithinTheLimitsParse() {
    String value = "list_append(".repeat(200) + "a" + ", b)".repeat(200);
    assertThat(EXPRESSIONS.update("SET c = " + value, ATTRS)).isNotNull();
  }

  @Test
  void documentPathsNestUpToThirtyTwoLevels() {
    assertThat(EXPRESSIONS.projection("a" + ".b".repeat(31), ATTRS)).isNotNull();
    assertThat(EXPRESSIONS.projection("a" + "[0]".repeat(31), ATTRS)).isNotNull();
    assertThatThrownBy(() -> EXPRESSIONS.projection("a" + ".b".repeat(32), ATTRS))
        .hasMessage("Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33");
    assertThatThrownBy(() -> EXPRESSIONS.update("SET a" + "[1]".repeat(33) + " = a", ATTRS))
        .hasMessage("Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 34");
  }
}
