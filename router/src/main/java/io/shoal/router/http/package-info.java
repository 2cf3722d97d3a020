/**
 * The DynamoDB HTTP endpoint: a Netty HTTP/1.1 server ({@link io.shoal.router.http.HttpApiServer}) that
 * does what DynamoDB's front end does before an operation runs (method and content type, JSON parsing,
 * {@code X-Amz-Target}, the shape of the SigV4 Authorization header) and writes responses with
 * DynamoDB's headers. The same port answers the operator endpoints {@code GET /metrics}, {@code /health}
 * and {@code /ready} ({@code OpsEndpoints}), and the handler counts and times every API request into
 * {@link io.shoal.router.metrics.RouterMetrics}.
 *
 * <p>Owns transport concerns only. It must not validate operation parameters or build operation
 * responses ({@code io.shoal.router.api}) and must never block an event-loop thread: handlers return
 * futures and responses are written when they complete.
 */
package io.shoal.router.http;
