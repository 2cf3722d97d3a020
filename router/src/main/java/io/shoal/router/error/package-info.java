/**
 * The one DynamoDB-facing error type ({@link io.shoal.router.error.DynamoException}) and the one place
 * it is turned into a response body ({@link io.shoal.router.error.ErrorRenderer}).
 *
 * <p>Owns the wire names ({@code __type}), HTTP statuses and the fixed texts DynamoDB sends. It must not
 * know about Netty or about particular operations: handlers pick the factory and the message, the HTTP
 * layer writes the rendered bytes.
 */
package io.shoal.router.error;
