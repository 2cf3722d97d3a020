package io.shoal.node.group;

import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionKind;
import io.shoal.core.expression.Expressions;
import io.shoal.proto.ExpressionSpec;
import io.shoal.proto.Item;

/**
 * Evaluates a write's condition and update expressions inside apply. Pure functions of the command and the
 * committed item, so every replica reaches the same decision; the router has already rejected malformed
 * expressions, so what can fail here is only what depends on the item (e.g. adding a number to a string).
 */
final class WriteExpressions {
  private final Expressions expressions = new Expressions();

  boolean conditionHolds(ExpressionSpec condition, Item current) {
    return expressions.condition(ExpressionKind.CONDITION, condition.getText(), attributes(condition))
        .evaluate(current);
  }

  Item update(ExpressionSpec update, Item base) {
    return expressions.update(update.getText(), attributes(update)).apply(base);
  }

  private static ExpressionAttributes attributes(ExpressionSpec e) {
    // Proto maps cannot tell "absent" from "empty"; the router never sends an empty map it accepted.
    return ExpressionAttributes.of(e.getNamesCount() == 0 ? null : e.getNamesMap(),
        e.getValuesCount() == 0 ? null : e.getValuesMap());
  }
}
