/**
 * DynamoDB's Number type: parsing and validating number text as clients send it, the canonical text
 * DynamoDB returns, and an order-preserving byte encoding for numbers inside storage keys.
 *
 * <p>Owns the number limits (38 significant digits, magnitudes 1E-130 to 9.99..E+125) and their
 * exact error messages. Must not know about attribute values, items or storage; arithmetic for
 * update expressions belongs with the expression evaluator, which should validate results with
 * {@link io.shoal.core.number.DynamoNumber#parse} or the same limits.
 */
package io.shoal.core.number;
