package io.shoal.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpressionCacheTest {

  @Test
  void parsesEachKindAndTextOnce() {
    ExpressionCache cache = new ExpressionCache(10);
    AtomicInteger parses = new AtomicInteger();
    Object first = cache.get(ExpressionKind.CONDITION, "a = :v", () -> {
      parses.incrementAndGet();
      return new Object();
    });
    Object second = cache.get(ExpressionKind.CONDITION, "a = :v", () -> {
      parses.incrementAndGet();
      return new Object();
    });
    Object otherKind = cache.get(ExpressionKind.FILTER, "a = :v", Object::new);
    assertThat(second).isSameAs(first);
    assertThat(otherKind).isNotSameAs(first);
    assertThat(parses).hasValue(1);
  }

  @Test
  void isBounded() {
    ExpressionCache cache = new ExpressionCache(5);
    for (int i = 0; i < 50; i++) {
      cache.get(ExpressionKind.PROJECTION, "a" + i, Object::new);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(5);
  }

  @Test
  void cachedParseIsReboundWithEachRequestsValues() {
    ExpressionCache cache = new ExpressionCache(10);
    Expressions expressions = new Expressions(cache);
    Item item = Item.newBuilder().putAttributes("a", s("x")).build();
    assertThat(expressions.condition(ExpressionKind.CONDITION, "a = :v",
        ExpressionAttributes.of(null, Map.of(":v", s("x")))).evaluate(item)).isTrue();
    assertThat(expressions.condition(ExpressionKind.CONDITION, "a = :v",
        ExpressionAttributes.of(null, Map.of(":v", s("y")))).evaluate(item)).isFalse();
    assertThat(cache.size()).isEqualTo(1);
    // A cached parse still reports undefined values of the new request.
    assertThatThrownBy(() -> expressions.condition(ExpressionKind.CONDITION, "a = :v",
        ExpressionAttributes.none()))
        .hasMessageContaining("attribute value: :v");
  }

  @Test
  void failedParsesAreNotCached() {
    ExpressionCache cache = new ExpressionCache(10);
    Expressions expressions = new Expressions(cache);
    assertThatThrownBy(() -> expressions.update("SET", ExpressionAttributes.none()))
        .isInstanceOf(ExpressionException.class);
    assertThat(cache.size()).isZero();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }
}
