/**
 * Whether this storage node is ready to serve: the rule ({@link io.shoal.node.health.NodeReadiness}, pure and
 * unit-tested) and the probe that feeds it from the Raft host, the group manager and the heartbeater. Reads state
 * only; must never change it.
 */
package io.shoal.node.health;
