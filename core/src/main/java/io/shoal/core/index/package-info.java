/**
 * Secondary indexes as pure functions: where an item's index entry lives ({@link io.shoal.core.index.IndexKeys}),
 * what it holds ({@link io.shoal.core.index.Projection}), which entry changes a base write causes
 * ({@link io.shoal.core.index.IndexChanges}) and which writes an index's key types forbid
 * ({@link io.shoal.core.index.IndexKeyCheck}). Used by the storage groups at apply (LSIs, type checks), by the GSI
 * shippers and by the router (query bounds, pagination keys). No storage, RPC or clock here.
 */
package io.shoal.core.index;
