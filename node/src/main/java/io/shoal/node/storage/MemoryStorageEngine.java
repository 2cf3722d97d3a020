package io.shoal.node.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** In-memory engine for tests: same ordering (unsigned bytes) and atomicity contract as RocksDB. */
public final class MemoryStorageEngine implements StorageEngine {
  private final Map<Space, ConcurrentSkipListMap<byte[], byte[]>> spaces = new EnumMap<>(Space.class);

  public MemoryStorageEngine() {
    for (Space s : Space.values()) {
      spaces.put(s, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
    }
  }

  @Override
  public byte[] get(Space space, byte[] key) {
    byte[] v = spaces.get(space).get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public void scan(Space space, byte[] from, byte[] to, KeyValueVisitor visitor) {
    NavigableMap<byte[], byte[]> range = spaces.get(space).subMap(from, true, to, false);
    for (Map.Entry<byte[], byte[]> e : range.entrySet()) {
      if (!visitor.visit(e.getKey().clone(), e.getValue().clone())) {
        return;
      }
    }
  }

  @Override
  public void scanReverse(Space space, byte[] from, byte[] to, KeyValueVisitor visitor) {
    NavigableMap<byte[], byte[]> range = spaces.get(space).subMap(from, true, to, false).descendingMap();
    for (Map.Entry<byte[], byte[]> e : range.entrySet()) {
      if (!visitor.visit(e.getKey().clone(), e.getValue().clone())) {
        return;
      }
    }
  }

  @Override
  public Batch newBatch() {
    return new MemoryBatch();
  }

  @Override
  public synchronized void write(Batch batch) {
    for (Runnable op : ((MemoryBatch) batch).ops) {
      op.run();
    }
  }

  @Override
  public void close() {}

  private final class MemoryBatch implements Batch {
    private final List<Runnable> ops = new ArrayList<>();

    @Override
    public void put(Space space, byte[] key, byte[] value) {
      byte[] k = key.clone();
      byte[] v = value.clone();
      ops.add(() -> spaces.get(space).put(k, v));
    }

    @Override
    public void delete(Space space, byte[] key) {
      byte[] k = key.clone();
      ops.add(() -> spaces.get(space).remove(k));
    }

    @Override
    public void deleteRange(Space space, byte[] from, byte[] to) {
      byte[] f = from.clone();
      byte[] t = to.clone();
      ops.add(() -> spaces.get(space).subMap(f, true, t, false).clear());
    }

    @Override
    public void close() {}
  }
}
