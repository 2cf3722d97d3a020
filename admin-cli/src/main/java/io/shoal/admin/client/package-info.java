/**
 * Talking to a running cluster from the outside: the cluster view over gRPC from the metadata nodes
 * ({@link io.shoal.admin.client.ClusterViewClient}), a DynamoDB {@code ListTables} probe of the router
 * ({@link io.shoal.admin.client.DynamoPing}) and the rule for "the cluster is ready"
 * ({@link io.shoal.admin.client.ClusterReadiness}).
 *
 * <p>Read-only: it must not start or stop processes (see {@code io.shoal.admin.local}) nor print.
 */
package io.shoal.admin.client;
