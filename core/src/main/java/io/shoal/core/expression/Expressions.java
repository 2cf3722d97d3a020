package io.shoal.core.expression;

import io.shoal.core.expression.Ast.Cond;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.UpdateAction;
import java.util.List;

/**
 * Entry point: parse (through the cache), bind names and values, validate. One instance per
 * process, shared by all requests. After all expressions of a request are built, call {@link
 * ExpressionAttributes#checkAllUsed()}.
 *
 * <pre>
 * ExpressionAttributes attrs = ExpressionAttributes.of(names, values);
 * Update update = expressions.update(updateText, attrs);
 * Condition cond = expressions.condition(ExpressionKind.CONDITION, condText, attrs);
 * attrs.checkAllUsed();
 * </pre>
 */
public final class Expressions {
  private final ExpressionCache cache;

  public Expressions(ExpressionCache cache) {
    this.cache = cache;
  }

  public Expressions() {
    this(new ExpressionCache());
  }

  /** ConditionExpression or FilterExpression ({@code kind} picks the name in error messages). */
  public Condition condition(ExpressionKind kind, String text, ExpressionAttributes attrs) {
    if (kind != ExpressionKind.CONDITION && kind != ExpressionKind.FILTER) {
      throw new IllegalArgumentException("not a condition kind: " + kind);
    }
    Cond parsed = cache.get(kind, text, () -> ConditionParser.parseCondition(text, kind));
    return new Condition(Resolver.resolveCondition(parsed, kind, attrs));
  }

  public Update update(String text, ExpressionAttributes attrs) {
    List<UpdateAction> parsed = cache.get(ExpressionKind.UPDATE, text, () -> UpdateParser.parse(text));
    return new Update(Resolver.resolveUpdate(parsed, attrs));
  }

  public Projection projection(String text, ExpressionAttributes attrs) {
    List<Path> parsed =
        cache.get(ExpressionKind.PROJECTION, text, () -> ConditionParser.parseProjection(text));
    return new Projection(Resolver.resolveProjection(parsed, attrs));
  }

  /** KeyConditionExpression; the caller matches the terms against the table's key schema. */
  public KeyCondition keyCondition(String text, ExpressionAttributes attrs) {
    Cond parsed = cache.get(ExpressionKind.KEY_CONDITION, text,
        () -> ConditionParser.parseCondition(text, ExpressionKind.KEY_CONDITION));
    return KeyCondition.from(Resolver.resolveCondition(parsed, ExpressionKind.KEY_CONDITION, attrs));
  }
}
