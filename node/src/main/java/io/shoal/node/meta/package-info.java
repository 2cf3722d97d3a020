/**
 * Cluster metadata: the replicated catalog (nodes, tables, partition map) applied deterministically by the
 * metadata Raft group ({@link io.shoal.node.meta.MetaState}), plus the leader-only soft state learned from
 * heartbeats (liveness, group leaders) and the placement driver that creates the partition map.
 */
package io.shoal.node.meta;
