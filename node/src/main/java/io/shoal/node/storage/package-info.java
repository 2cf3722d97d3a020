/**
 * The node's item store: a small key/value interface ({@link io.shoal.node.storage.StorageEngine}) that the
 * replicated state machine writes through, with a RocksDB implementation for real nodes and an in-memory one for
 * tests, plus the on-disk key layout ({@link io.shoal.node.storage.DataKeys}). Knows nothing of Raft or DynamoDB
 * semantics.
 */
package io.shoal.node.storage;
