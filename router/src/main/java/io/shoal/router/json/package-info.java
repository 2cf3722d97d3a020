/**
 * DynamoDB's JSON wire format: reading request members with DynamoDB's type rules
 * ({@link io.shoal.router.json.RequestFields}, with the SerializationException texts chosen by the Coral type a
 * place is read as, {@link io.shoal.router.json.CoralType}) and converting attribute values and items between JSON and
 * the protobuf model ({@link io.shoal.router.json.AttributeJson}).
 *
 * <p>Owns the per-value rules (one type per value, number limits, base64, sets, nesting depth) and their
 * exact DynamoDB messages. It knows nothing about tables or key schemas (that is {@code api}) nor about
 * HTTP.
 */
package io.shoal.router.json;
