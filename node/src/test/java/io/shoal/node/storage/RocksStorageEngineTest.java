package io.shoal.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.TableProperties;

class RocksStorageEngineTest {
  @TempDir
  Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void put(RocksStorageEngine engine, Space space, String key, String value) {
    try (StorageEngine.Batch batch = engine.newBatch()) {
      batch.put(space, b(key), b(value));
      engine.write(batch);
    }
  }

  private static Map<String, TableProperties> flushedTables(RocksStorageEngine engine, Space space)
      throws Exception {
    try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
      engine.db().flush(wait, engine.handle(space));
    }
    return engine.db().getPropertiesOfAllTables(engine.handle(space));
  }

  @Test
  void itemTablesCarryWholeKeyBloomFiltersAndTheChangeLogsDoNot() throws Exception {
    try (RocksStorageEngine engine = new RocksStorageEngine(tmp.resolve("db"), 8L << 20)) {
      put(engine, Space.ITEMS, "item-1", "v1");
      put(engine, Space.CHANGELOG, "change-1", "c1");

      Map<String, TableProperties> items = flushedTables(engine, Space.ITEMS);
      assertEquals(1, items.size());
      for (TableProperties t : items.values()) {
        assertEquals("bloomfilter", t.getFilterPolicyName());
        assertTrue(t.getFilterSize() > 0, "filter bytes in the table");
        assertEquals(1, t.getNumEntries());
      }
      // The change log is read by ranges (streams, trimming), where whole-key filters cannot help.
      Map<String, TableProperties> changes = flushedTables(engine, Space.CHANGELOG);
      assertFalse(changes.isEmpty());
      for (TableProperties t : changes.values()) {
        assertNull(t.getFilterPolicyName());
        assertEquals(0, t.getFilterSize());
      }
    }
  }

  @Test
  void readsFindKeysInTheMemtableInFlushedTablesAndAfterReopening() throws Exception {
    Path dir = tmp.resolve("reopen");
    try (RocksStorageEngine engine = new RocksStorageEngine(dir, 8L << 20)) {
      put(engine, Space.ITEMS, "flushed", "v1");
      flushedTables(engine, Space.ITEMS);
      put(engine, Space.ITEMS, "in-memtable", "v2");

      assertArrayEquals(b("v1"), engine.get(Space.ITEMS, b("flushed")));
      assertArrayEquals(b("v2"), engine.get(Space.ITEMS, b("in-memtable")));
      assertNull(engine.get(Space.ITEMS, b("absent")));
    }
    try (RocksStorageEngine engine = new RocksStorageEngine(dir)) {
      assertArrayEquals(b("v1"), engine.get(Space.ITEMS, b("flushed")));
      assertArrayEquals(b("v2"), engine.get(Space.ITEMS, b("in-memtable")));
      assertNull(engine.get(Space.ITEMS, b("absent")));
    }
  }
}
