package io.shoal.node.storage;

/** Independent key spaces of the store; RocksDB keeps each in its own column family. */
public enum Space {
  /** Item versions, keyed by {@link DataKeys#itemKey}. Shared by all groups: ranges are disjoint by hash. */
  ITEMS("items"),
  /** Per-group change log, keyed by group id and sequence number. */
  CHANGELOG("changelog"),
  /** Per-group bookkeeping: applied index, last sequence, known and dropped tables. */
  GROUP_META("groupmeta");

  private final String columnFamily;

  Space(String columnFamily) {
    this.columnFamily = columnFamily;
  }

  public String columnFamily() {
    return columnFamily;
  }
}
