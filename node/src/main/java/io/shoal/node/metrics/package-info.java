/**
 * The storage node's Prometheus metrics: one {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry} per
 * node (passed through constructors, never the global registry, so the in-process test clusters keep three nodes
 * apart), Raft and apply meters fed by {@link io.shoal.node.raft.RaftObserver}, gRPC meters from a server
 * interceptor, gauges over the Raft host and both RocksDB stores, and JVM metrics.
 *
 * <p>Owns metric names and labels only; reads node state and must never change it. Labels take values from fixed
 * or configuration-bounded sets (RPC method names, status codes, the groups this node hosts).
 */
package io.shoal.node.metrics;
