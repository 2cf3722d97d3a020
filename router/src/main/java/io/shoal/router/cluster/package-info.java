/**
 * The router's view of the cluster: the one interface the DynamoDB API layer calls to read and change
 * tables and items.
 *
 * <p>Owns only the contract. It must not know about HTTP, JSON or DynamoDB request shapes (those belong to
 * {@code io.shoal.router.api}), and the API layer must not reach past it into node RPC, partition maps or
 * Raft: everything it needs from the cluster goes through {@link io.shoal.router.cluster.Cluster}.
 */
package io.shoal.router.cluster;
