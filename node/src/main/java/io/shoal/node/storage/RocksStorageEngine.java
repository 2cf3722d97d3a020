package io.shoal.node.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB-backed engine: one database per node shared by every group, a column family per {@link Space}.
 *
 * <p>Writes go to the WAL without fsync: the Raft log (fsynced) is the durable record, and the applied index is
 * written in the same batch as the data, so after a crash a group replays exactly the entries the store lost.
 */
public final class RocksStorageEngine implements StorageEngine {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final ColumnFamilyOptions itemOptions;
  private final LRUCache blockCache;
  private final BloomFilter itemFilter;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private volatile boolean closed;
  private final Map<Space, ColumnFamilyHandle> bySpace = new EnumMap<>(Space.class);
  private final WriteOptions writeOptions = new WriteOptions().setSync(false);

  /** Default size of the block cache shared by the column families, in bytes. */
  public static final long DEFAULT_BLOCK_CACHE_BYTES = 128L << 20;

  public RocksStorageEngine(Path dir) {
    this(dir, DEFAULT_BLOCK_CACHE_BYTES);
  }

  /** @param blockCacheBytes the LRU cache of SST blocks (data, index and filter blocks) shared by every family */
  public RocksStorageEngine(Path dir, long blockCacheBytes) {
    try {
      Files.createDirectories(dir);
      // A WAL file can go only once every column family has flushed what it holds, and the group bookkeeping
      // family takes a few bytes per batch, so it would rarely fill a memtable: without a total WAL cap a node kept
      // 23 WAL files (~550 MB) after 7 minutes of puts, all replayed on restart. Past the cap RocksDB flushes the
      // families that hold the oldest WAL.
      // The Raft log's fsync on the same disk waits behind whatever this store left dirty in the page cache (ext4
      // commits its journal for the fsync). Starting writeback every MB, for the unsynced WAL and for flushed and
      // compacted tables, keeps that backlog small instead of leaving a flush's 16 MB to the next fsync.
      dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
          .setMaxBackgroundJobs(2).setKeepLogFileNum(3).setMaxTotalWalSize(64L << 20)
          .setBytesPerSync(1L << 20).setWalBytesPerSync(1L << 20);
      blockCache = new LRUCache(blockCacheBytes);
      cfOptions = new ColumnFamilyOptions().setWriteBufferSize(16L << 20)
          .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache));
      // Every apply reads the item it replaces (conditions, the change record's old image), and a new key's read
      // misses. Without filters each miss searched the memtables and every L0 file and level by binary search (a
      // PutItem profile: 46% of that read in SST lookups, 27% in memtables). Whole-key bloom filters on the SSTs
      // (10 bits a key, ~1% false positives) and on the memtables skip most of those searches. Index and filter
      // blocks live in the block cache, so memory stays bounded by its size; L0's stay pinned, as they are
      // consulted on every read.
      itemFilter = new BloomFilter(10);
      itemOptions = new ColumnFamilyOptions().setWriteBufferSize(16L << 20)
          .setMemtablePrefixBloomSizeRatio(0.1).setMemtableWholeKeyFiltering(true)
          .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(itemFilter)
              .setWholeKeyFiltering(true).setCacheIndexAndFilterBlocks(true)
              .setPinL0FilterAndIndexBlocksInCache(true));
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
      for (Space s : Space.values()) {
        descriptors.add(new ColumnFamilyDescriptor(s.columnFamily().getBytes(StandardCharsets.UTF_8),
            s == Space.ITEMS ? itemOptions : cfOptions));
      }
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      for (Space s : Space.values()) {
        bySpace.put(s, handles.get(s.ordinal() + 1));
      }
    } catch (Exception e) {
      throw new StorageException("cannot open item store at " + dir, e);
    }
  }

  public RocksDB db() {
    return db;
  }

  public ColumnFamilyHandle handle(Space space) {
    return bySpace.get(space);
  }

  @Override
  public byte[] get(Space space, byte[] key) {
    try {
      return db.get(bySpace.get(space), key);
    } catch (RocksDBException e) {
      throw new StorageException("get failed", e);
    }
  }

  @Override
  public void scan(Space space, byte[] from, byte[] to, KeyValueVisitor visitor) {
    scan(space, from, to, null, visitor);
  }

  /** Scans at a consistent point in time when a snapshot is given. */
  public void scan(Space space, byte[] from, byte[] to, Snapshot snapshot, KeyValueVisitor visitor) {
    try (ReadOptions ro = new ReadOptions(); RocksIterator it = newIterator(space, ro, snapshot)) {
      for (it.seek(from); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (java.util.Arrays.compareUnsigned(k, to) >= 0 || !visitor.visit(k, it.value())) {
          return;
        }
      }
    }
  }

  @Override
  public void scanReverse(Space space, byte[] from, byte[] to, KeyValueVisitor visitor) {
    try (ReadOptions ro = new ReadOptions(); RocksIterator it = newIterator(space, ro, null)) {
      it.seekForPrev(to);
      if (it.isValid() && java.util.Arrays.equals(it.key(), to)) {
        it.prev();
      }
      for (; it.isValid(); it.prev()) {
        byte[] k = it.key();
        if (java.util.Arrays.compareUnsigned(k, from) < 0 || !visitor.visit(k, it.value())) {
          return;
        }
      }
    }
  }

  private RocksIterator newIterator(Space space, ReadOptions ro, Snapshot snapshot) {
    if (snapshot != null) {
      ro.setSnapshot(snapshot);
    }
    return db.newIterator(bySpace.get(space), ro);
  }

  @Override
  public Batch newBatch() {
    return new RocksBatch();
  }

  @Override
  public void write(Batch batch) {
    try {
      db.write(writeOptions, ((RocksBatch) batch).batch);
    } catch (RocksDBException e) {
      throw new StorageException("write failed", e);
    }
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
    itemOptions.close();
    itemFilter.close();
    blockCache.close();
    writeOptions.close();
  }

  private final class RocksBatch implements Batch {
    private final WriteBatch batch = new WriteBatch();

    @Override
    public void put(Space space, byte[] key, byte[] value) {
      try {
        batch.put(bySpace.get(space), key, value);
      } catch (RocksDBException e) {
        throw new StorageException("batch put failed", e);
      }
    }

    @Override
    public void delete(Space space, byte[] key) {
      try {
        batch.delete(bySpace.get(space), key);
      } catch (RocksDBException e) {
        throw new StorageException("batch delete failed", e);
      }
    }

    @Override
    public void deleteRange(Space space, byte[] from, byte[] to) {
      try {
        batch.deleteRange(bySpace.get(space), from, to);
      } catch (RocksDBException e) {
        throw new StorageException("batch deleteRange failed", e);
      }
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}
