/**
 * Adapters between sofa-jraft and the node: the shared Raft log store (one RocksDB for every group's log), the
 * state machines that feed committed entries to the group and metadata logic, and the host that runs many groups
 * behind one RPC endpoint. Owns every jraft type; other packages see plain callbacks.
 */
package io.shoal.node.raft;
