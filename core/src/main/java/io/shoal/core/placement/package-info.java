/**
 * Who hosts which replica: pure functions from the set of registered nodes to replica sets for the
 * partition map's groups.
 *
 * <p>Must not read cluster state, talk to nodes or move replicas; the metadata service calls these
 * functions and proposes the result through Raft, so the output must depend on the input alone.
 */
package io.shoal.core.placement;
