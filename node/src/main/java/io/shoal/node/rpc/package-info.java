/**
 * The node's gRPC services: item reads and writes for routers ({@link io.shoal.node.rpc.NodeRpc}) and catalog
 * operations served by the metadata leader ({@link io.shoal.node.rpc.MetaRpc}). Turns requests into Raft
 * proposals or local reads and maps failures to the stable internal error codes.
 */
package io.shoal.node.rpc;
