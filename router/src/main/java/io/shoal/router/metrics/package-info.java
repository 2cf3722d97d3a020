/**
 * The router's Prometheus metrics: one {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry} per process
 * (passed through constructors, never the global registry, so several routers in one test JVM stay apart), the
 * request meters the HTTP layer records into, and the gauges over the cluster client's routing state.
 *
 * <p>Owns metric names and label values. Every label takes values from a fixed set (operation names, outcome
 * classes, DynamoDB error types, retry reasons) so a misbehaving client cannot grow the series count.
 */
package io.shoal.router.metrics;
