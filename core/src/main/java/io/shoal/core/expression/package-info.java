/**
 * DynamoDB expressions: ConditionExpression, FilterExpression, KeyConditionExpression,
 * UpdateExpression and ProjectionExpression.
 *
 * <p>Pipeline: {@link io.shoal.core.expression.Lexer} → hand-written recursive-descent parsers
 * ({@link io.shoal.core.expression.ConditionParser}, {@link io.shoal.core.expression.UpdateParser})
 * → AST ({@link io.shoal.core.expression.Ast}) → {@link io.shoal.core.expression.Resolver} (binds
 * {@code #names} and {@code :values}, type-checks literals) → evaluation ({@link
 * io.shoal.core.expression.Condition}, {@link io.shoal.core.expression.Update}, {@link
 * io.shoal.core.expression.Projection}). {@link io.shoal.core.expression.ExpressionCache} keeps parsed
 * ASTs before resolution, because the same expression text arrives with different values.
 *
 * <p>Owns: expression grammar, DynamoDB's ValidationException texts for expressions, and the
 * semantics of evaluating them over {@link io.shoal.proto.Item}. Must not touch: I/O, clocks,
 * randomness, storage or the network. Evaluation runs inside the Raft apply path, so it has to be
 * deterministic and side-effect free.
 */
package io.shoal.core.expression;
