/**
 * A data group's replicated state machine: applies {@code DataCommand}s deterministically to the item store,
 * assigns change-log sequence numbers and keeps the applied index in the same atomic batch. No clock, randomness
 * or I/O beyond the {@link io.shoal.node.storage.StorageEngine}; everything non-deterministic arrives in the command.
 */
package io.shoal.node.group;
