package io.shoal.node.storage;

import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Reads RocksDB's integer properties for metrics, shared by the item store and the Raft log store. */
public final class RocksProperties {
  private RocksProperties() {
  }

  /**
   * The property for the whole database, or -1 if RocksDB does not know it. Per-column-family properties (keys,
   * SST and memtable sizes) are summed over the column families. Block-cache properties are read once: our column
   * families share one ColumnFamilyOptions, hence one table factory and one block cache, so a sum would count the
   * same cache once per column family.
   */
  public static long read(RocksDB db, String name) {
    try {
      return name.startsWith("rocksdb.block-cache") ? db.getLongProperty(name) : db.getAggregatedLongProperty(name);
    } catch (RocksDBException e) {
      return -1;
    }
  }
}
