/**
 * Where a key lives: the 64-bit partition hash, hash ranges over the unsigned 64-bit ring, and the
 * immutable router that maps a hash to the Raft group owning it under one {@link
 * io.shoal.proto.PartitionMap} version.
 *
 * <p>Pure functions and immutable values only: it must not fetch, cache or watch partition maps,
 * talk to nodes, or decide placement (see {@code io.shoal.core.placement}).
 */
package io.shoal.core.partition;
