package io.shoal.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shoal.core.key.KeyCodec;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexChangesTest {
  static final IndexKeys.TableKeys TABLE = new IndexKeys.TableKeys(key("id", ScalarType.S), key("", ScalarType.S));
  static final IndexInfo KEYS_ONLY = IndexInfo.newBuilder().setName("byStatus").setId(3)
      .setKind(IndexInfo.Kind.GLOBAL).setHashKey(key("status", ScalarType.S))
      .setProjectionType(IndexInfo.ProjectionType.KEYS_ONLY).build();
  static final IndexInfo INCLUDE = KEYS_ONLY.toBuilder().setProjectionType(IndexInfo.ProjectionType.INCLUDE)
      .addNonKeyAttributes("due").build();
  static final byte[] BASE = KeyCodec.itemKey("i1".getBytes(), null);

  static KeyAttribute key(String name, ScalarType t) {
    return KeyAttribute.newBuilder().setName(name).setType(t).build();
  }

  static Item item(String... kv) {
    Item.Builder b = Item.newBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      b.putAttributes(kv[i], AttributeValue.newBuilder().setS(kv[i + 1]).build());
    }
    return b.build();
  }

  @Test
  void insertWritesTheProjectedEntry() {
    List<IndexChanges.Change> c = IndexChanges.of(INCLUDE, TABLE, BASE, null,
        item("id", "i1", "status", "open", "due", "mon", "body", "long"));
    assertEquals(1, c.size());
    assertEquals(item("id", "i1", "status", "open", "due", "mon"), c.get(0).item());
  }

  @Test
  void movingTheIndexKeyDeletesTheOldEntryFirst() {
    List<IndexChanges.Change> c = IndexChanges.of(KEYS_ONLY, TABLE, BASE, item("id", "i1", "status", "open"),
        item("id", "i1", "status", "done"));
    assertEquals(2, c.size());
    assertTrue(c.get(0).isDelete());
    assertArrayEquals("open".getBytes(), KeyCodec.pkOf(c.get(0).key()));
    assertArrayEquals("done".getBytes(), KeyCodec.pkOf(c.get(1).key()));
  }

  @Test
  void removingTheAttributeOrTheItemDeletesTheEntry() {
    List<IndexChanges.Change> gone = IndexChanges.of(KEYS_ONLY, TABLE, BASE, item("id", "i1", "status", "open"),
        item("id", "i1"));
    assertEquals(1, gone.size());
    assertTrue(gone.get(0).isDelete());
    List<IndexChanges.Change> deleted = IndexChanges.of(KEYS_ONLY, TABLE, BASE, item("id", "i1", "status", "o"),
        null);
    assertEquals(1, deleted.size());
    assertTrue(deleted.get(0).isDelete());
  }

  @Test
  void changesOutsideTheProjectionWriteNothing() {
    assertEquals(List.of(), IndexChanges.of(KEYS_ONLY, TABLE, BASE, item("id", "i1", "status", "open", "x", "1"),
        item("id", "i1", "status", "open", "x", "2")));
    assertEquals(List.of(), IndexChanges.of(KEYS_ONLY, TABLE, BASE, item("id", "i1"), item("id", "i1", "x", "2")));
    List<IndexChanges.Change> projected = IndexChanges.of(INCLUDE, TABLE, BASE,
        item("id", "i1", "status", "open", "due", "mon"), item("id", "i1", "status", "open", "due", "tue"));
    assertEquals(1, projected.size());
    assertEquals("tue", projected.get(0).item().getAttributesMap().get("due").getS());
  }

  @Test
  void keyTypeViolationsNameTheIndexAndKey() {
    Item bad = Item.newBuilder().putAttributes("status", AttributeValue.newBuilder().setN("1").build()).build();
    assertEquals("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S "
        + "Actual: N IndexName: byStatus", IndexKeyCheck.violation(List.of(KEYS_ONLY), bad));
    assertTrue(IndexKeyCheck.violation(List.of(KEYS_ONLY), item("status", "")).contains("IndexKey: status"));
    assertNull(IndexKeyCheck.violation(List.of(KEYS_ONLY), item("other", "")));
    assertNull(IndexKeyCheck.violation(List.of(KEYS_ONLY), item("status", "ok")));
  }
}
