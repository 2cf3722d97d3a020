/**
 * The node's place in the cluster: who the other nodes are, which groups this node hosts (from the partition
 * map, persisted locally so a restart needs no metadata round trip), heartbeats to the metadata leader and moving
 * leadership back to each group's preferred replica.
 */
package io.shoal.node.cluster;
