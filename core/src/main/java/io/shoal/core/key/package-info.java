/**
 * The byte layout of a DynamoDB primary key inside one table's storage: partition key bytes (what
 * {@link io.shoal.core.partition.PartitionHash} hashes), order-preserving sort key bytes, and the
 * composite item key that the storage engine sorts by.
 *
 * <p>Owns key encoding and key size limits only. It must not know about tables' storage prefixes,
 * RocksDB, or item attributes beyond the key values; DynamoDB-worded validation messages belong to the
 * API layer, which should reject bad keys before they reach this package.
 */
package io.shoal.core.key;
