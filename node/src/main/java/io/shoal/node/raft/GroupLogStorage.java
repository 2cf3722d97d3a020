package io.shoal.node.raft;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.conf.ConfigurationEntry;
import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.codec.LogEntryDecoder;
import com.alipay.sofa.jraft.entity.codec.LogEntryEncoder;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group's view of the {@link SharedLogStore}: keys are {@code "<group>/" + index(8, big-endian)}.
 * Configuration entries are also kept in a separate column family so start-up loads them without scanning data.
 * First/last index are cached; jraft serialises appends and truncations per group, reads may run concurrently.
 */
final class GroupLogStorage implements LogStorage {
  private static final Logger LOG = LoggerFactory.getLogger(GroupLogStorage.class);

  private final SharedLogStore store;
  private final byte[] prefix;
  private LogEntryEncoder encoder;
  private LogEntryDecoder decoder;
  private volatile long firstIndex = 1;
  private volatile long lastIndex = 0;

  GroupLogStorage(SharedLogStore store, String groupId) {
    this.store = store;
    this.prefix = (groupId + "/").getBytes(StandardCharsets.UTF_8);
  }

  private byte[] key(long index) {
    return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(index).array();
  }

  private long indexOf(byte[] key) {
    return ByteBuffer.wrap(key).getLong(prefix.length);
  }

  private byte[] firstIndexKey() {
    return ByteBuffer.allocate(prefix.length + 1).put(prefix).put((byte) 'f').array();
  }

  @Override
  public synchronized boolean init(LogStorageOptions opts) {
    encoder = opts.getLogEntryCodecFactory().encoder();
    decoder = opts.getLogEntryCodecFactory().decoder();
    try {
      byte[] f = store.db().get(store.meta(), firstIndexKey());
      loadBounds(f == null ? 0 : ByteBuffer.wrap(f).getLong());
      loadConfEntries(opts.getConfigurationManager());
      return true;
    } catch (RocksDBException e) {
      LOG.error("cannot init log of {}", new String(prefix, StandardCharsets.UTF_8), e);
      return false;
    }
  }

  private void loadBounds(long persistedFirst) {
    try (ReadOptions ro = new ReadOptions().setTotalOrderSeek(true);
        RocksIterator it = store.db().newIterator(store.entries(), ro)) {
      it.seek(key(0));
      long first = it.isValid() && startsWithPrefix(it.key()) ? indexOf(it.key()) : 0;
      it.seekForPrev(key(Long.MAX_VALUE));
      long last = it.isValid() && startsWithPrefix(it.key()) ? indexOf(it.key()) : 0;
      if (first == 0) {
        firstIndex = persistedFirst > 0 ? persistedFirst : 1;
        lastIndex = firstIndex - 1;
      } else {
        firstIndex = Math.max(first, persistedFirst);
        lastIndex = last;
      }
    }
  }

  private boolean startsWithPrefix(byte[] k) {
    if (k.length != prefix.length + 8) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (k[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private void loadConfEntries(ConfigurationManager confManager) {
    if (confManager == null) {
      return;
    }
    try (ReadOptions ro = new ReadOptions().setTotalOrderSeek(true);
        RocksIterator it = store.db().newIterator(store.confEntries(), ro)) {
      for (it.seek(key(firstIndex)); it.isValid() && startsWithPrefix(it.key()); it.next()) {
        LogEntry entry = decoder.decode(it.value());
        if (entry == null || entry.getType() != EntryType.ENTRY_TYPE_CONFIGURATION) {
          continue;
        }
        ConfigurationEntry conf = new ConfigurationEntry();
        conf.setId(new LogId(entry.getId().getIndex(), entry.getId().getTerm()));
        conf.setConf(new Configuration(entry.getPeers(), entry.getLearners()));
        if (entry.getOldPeers() != null) {
          conf.setOldConf(new Configuration(entry.getOldPeers(), entry.getOldLearners()));
        }
        confManager.add(conf);
      }
    }
  }

  @Override
  public void shutdown() {}

  @Override
  public long getFirstLogIndex() {
    return firstIndex;
  }

  @Override
  public long getLastLogIndex() {
    return lastIndex;
  }

  @Override
  public LogEntry getEntry(long index) {
    if (index < firstIndex || index > lastIndex) {
      return null;
    }
    try {
      byte[] v = store.db().get(store.entries(), key(index));
      return v == null ? null : decoder.decode(v);
    } catch (RocksDBException e) {
      LOG.error("cannot read log entry {}", index, e);
      return null;
    }
  }

  @Override
  @Deprecated
  public long getTerm(long index) {
    LogEntry e = getEntry(index);
    return e == null ? 0 : e.getId().getTerm();
  }

  @Override
  public boolean appendEntry(LogEntry entry) {
    return appendEntries(List.of(entry)) == 1;
  }

  @Override
  public synchronized int appendEntries(List<LogEntry> entries) {
    if (entries == null || entries.isEmpty()) {
      return 0;
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (LogEntry e : entries) {
        byte[] k = key(e.getId().getIndex());
        byte[] v = encoder.encode(e);
        batch.put(store.entries(), k, v);
        if (e.getType() == EntryType.ENTRY_TYPE_CONFIGURATION) {
          batch.put(store.confEntries(), k, v);
        }
      }
      store.db().write(store.writeOptions(), batch);
      long last = entries.get(entries.size() - 1).getId().getIndex();
      if (lastIndex < firstIndex) {
        firstIndex = entries.get(0).getId().getIndex();
      }
      lastIndex = last;
      return entries.size();
    } catch (RocksDBException e) {
      LOG.error("cannot append {} log entries", entries.size(), e);
      return 0;
    }
  }

  @Override
  public synchronized boolean truncatePrefix(long firstIndexKept) {
    if (firstIndexKept <= firstIndex) {
      return true;
    }
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(store.meta(), firstIndexKey(), ByteBuffer.allocate(8).putLong(firstIndexKept).array());
      batch.deleteRange(store.entries(), key(0), key(firstIndexKept));
      batch.deleteRange(store.confEntries(), key(0), key(firstIndexKept));
      store.db().write(store.writeOptions(), batch);
      firstIndex = firstIndexKept;
      if (lastIndex < firstIndexKept - 1) {
        lastIndex = firstIndexKept - 1;
      }
      return true;
    } catch (RocksDBException e) {
      LOG.error("cannot truncate log prefix to {}", firstIndexKept, e);
      return false;
    }
  }

  @Override
  public synchronized boolean truncateSuffix(long lastIndexKept) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.deleteRange(store.entries(), key(lastIndexKept + 1), key(Long.MAX_VALUE));
      batch.deleteRange(store.confEntries(), key(lastIndexKept + 1), key(Long.MAX_VALUE));
      store.db().write(store.writeOptions(), batch);
      lastIndex = Math.max(firstIndex - 1, Math.min(lastIndex, lastIndexKept));
      return true;
    } catch (RocksDBException e) {
      LOG.error("cannot truncate log suffix after {}", lastIndexKept, e);
      return false;
    }
  }

  /** Drops the whole log after a snapshot install; the next entry jraft appends is {@code nextLogIndex}. */
  @Override
  public synchronized boolean reset(long nextLogIndex) {
    if (nextLogIndex <= 0) {
      throw new IllegalArgumentException("Invalid next log index.");
    }
    LogEntry keep = getEntry(nextLogIndex);
    try (WriteBatch batch = new WriteBatch()) {
      batch.deleteRange(store.entries(), key(0), key(Long.MAX_VALUE));
      batch.deleteRange(store.confEntries(), key(0), key(Long.MAX_VALUE));
      batch.put(store.meta(), firstIndexKey(), ByteBuffer.allocate(8).putLong(nextLogIndex).array());
      store.db().write(store.writeOptions(), batch);
      firstIndex = nextLogIndex;
      lastIndex = nextLogIndex - 1;
    } catch (RocksDBException e) {
      LOG.error("cannot reset log to {}", nextLogIndex, e);
      return false;
    }
    // Like jraft's RocksDBLogStorage: keep a marker entry at nextLogIndex so the log is not empty.
    if (keep == null) {
      keep = new LogEntry();
      keep.setType(EntryType.ENTRY_TYPE_NO_OP);
      keep.setId(new LogId(nextLogIndex, 0));
    }
    return appendEntry(keep);
  }
}
