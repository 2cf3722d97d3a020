package io.shoal.core.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random token soup must only ever produce an {@link ExpressionException} or a valid expression —
 * never an IndexOutOfBounds, ClassCast or NullPointer from a parser corner. Seeded; the seed is
 * printed so a failure can be replayed.
 */
class ParserFuzzTest {
  private static final String[] TOKENS = {
    "a", "b", "#n", ":v", ":l", "(", ")", "[", "]", "0", "1", ".", ",", "=", "<>", "<", "<=", ">",
    ">=", "+", "-", "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE", "size",
    "contains", "begins_with", "attribute_exists", "attribute_type", "if_not_exists",
    "list_append", "status", "!", "#", ":"
  };

  @Test
  void randomExpressionsFailOnlyWithValidationErrors() {
    long seed = System.nanoTime();
    System.out.println("ParserFuzzTest seed=" + seed);
    Random random = new Random(seed);
    Expressions expressions = new Expressions(new ExpressionCache(100));
    Item item = Item.newBuilder()
        .putAttributes("a", AttributeValue.newBuilder().setN("1").build())
        .putAttributes("b", AttributeValue.newBuilder().setS("x").build()).build();
    int valid = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(10);
      for (int t = 0; t < n; t++) {
        sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextBoolean() ? " " : "");
      }
      String text = sb.toString();
      ExpressionAttributes attrs = ExpressionAttributes.of(Map.of("#n", "a"), Map.of(
          ":v", AttributeValue.newBuilder().setN("2").build(),
          ":l", AttributeValue.newBuilder().setL(io.shoal.proto.AttributeList.newBuilder()).build()));
      try {
        switch (i % 4) {
          case 0 -> expressions.condition(ExpressionKind.CONDITION, text, attrs).evaluate(item);
          case 1 -> expressions.update(text, attrs).apply(item);
          case 2 -> expressions.projection(text, attrs).apply(item);
          default -> expressions.keyCondition(text, attrs);
        }
        valid++;
      } catch (ExpressionException | io.shoal.core.number.InvalidNumberException e) {
        assertThat(e.getMessage()).as("seed %d text %s", seed, text).isNotBlank();
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " kind " + (i % 4) + " text: " + text, e);
      }
    }
    assertThat(valid).as("some random expressions should be valid").isPositive();
  }
}
