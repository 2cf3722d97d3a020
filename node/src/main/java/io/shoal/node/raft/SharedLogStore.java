package io.shoal.node.raft;

import io.shoal.node.storage.RocksProperties;
import io.shoal.node.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * One RocksDB holding the Raft logs of every group replica on the node, keyed by group prefix and index.
 *
 * <p>Why shared: sofa-jraft's default gives each replica its own RocksDB (own WAL, memtables, files and background
 * threads). With dozens of replicas per node that multiplies file handles and memory, and every replica fsyncs its
 * own WAL. Here all groups append to one WAL; RocksDB's group commit turns concurrent appends from many groups into
 * one fsync. Appends are written with {@code sync=true}: an entry is durable before jraft counts this replica
 * toward a majority.
 */
public final class SharedLogStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private volatile boolean closed;
  private final WriteOptions syncWrite;
  private final ColumnFamilyHandle entries;
  private final ColumnFamilyHandle confEntries;
  private final ColumnFamilyHandle meta;

  public SharedLogStore(Path dir, boolean sync) {
    try {
      Files.createDirectories(dir);
      dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
          .setMaxBackgroundJobs(2).setKeepLogFileNum(3).setMaxTotalWalSize(256L << 20)
          // Flushed and compacted tables start writeback every MB, so that they do not pile up dirty pages in front
          // of this store's own WAL fsyncs (RocksStorageEngine says more).
          .setBytesPerSync(1L << 20);
      cfOptions = new ColumnFamilyOptions().setWriteBufferSize(32L << 20)
          .setCompressionType(CompressionType.LZ4_COMPRESSION);
      List<ColumnFamilyDescriptor> d = List.of(
          new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
          new ColumnFamilyDescriptor("conf".getBytes(StandardCharsets.UTF_8), cfOptions),
          new ColumnFamilyDescriptor("meta".getBytes(StandardCharsets.UTF_8), cfOptions));
      db = RocksDB.open(dbOptions, dir.toString(), d, handles);
      entries = handles.get(0);
      confEntries = handles.get(1);
      meta = handles.get(2);
      syncWrite = new WriteOptions().setSync(sync);
    } catch (Exception e) {
      throw new StorageException("cannot open raft log store at " + dir, e);
    }
  }

  RocksDB db() {
    return db;
  }

  ColumnFamilyHandle entries() {
    return entries;
  }

  ColumnFamilyHandle confEntries() {
    return confEntries;
  }

  ColumnFamilyHandle meta() {
    return meta;
  }

  WriteOptions writeOptions() {
    return syncWrite;
  }

  /**
   * A RocksDB integer property (e.g. {@code rocksdb.estimate-num-keys}) for the whole database (see
   * {@link RocksProperties#read}), or -1 once the store is closed or if RocksDB cannot answer. For metrics, which
   * may be scraped while the node shuts down.
   */
  public long longProperty(String name) {
    return closed ? -1 : RocksProperties.read(db, name);
  }

  @Override
  public void close() {
    closed = true;
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    dbOptions.close();
    cfOptions.close();
    syncWrite.close();
  }
}
