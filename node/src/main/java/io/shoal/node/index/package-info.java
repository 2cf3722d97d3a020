/**
 * Global secondary index maintenance: each base group's leader carries every GSI of its tables from the group's
 * committed change log to the groups owning the index entries ({@link io.shoal.node.index.IndexShipper}), after a
 * backfill when the index is new. Runs at the edge (RPC, clock, threads); what the groups apply is deterministic and
 * lives in {@code io.shoal.node.group.IndexApply}. See docs/design/0004-secondary-indexes.md.
 */
package io.shoal.node.index;
