package io.shoal.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import io.shoal.core.key.KeyCodec;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexKeysTest {
  static final IndexInfo GSI = IndexInfo.newBuilder().setName("byOwner").setId(9).setKind(IndexInfo.Kind.GLOBAL)
      .setHashKey(key("owner", ScalarType.S)).setRangeKey(key("rank", ScalarType.B))
      .setProjectionType(IndexInfo.ProjectionType.ALL).build();

  static KeyAttribute key(String name, ScalarType t) {
    return KeyAttribute.newBuilder().setName(name).setType(t).build();
  }

  static AttributeValue b(byte[] v) {
    return AttributeValue.newBuilder().setB(ByteString.copyFrom(v)).build();
  }

  static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  @Test
  void escapingKeepsOrderAndIsPrefixFree() {
    Random r = new Random(7);
    for (int i = 0; i < 20000; i++) {
      byte[] a = randomBytes(r);
      byte[] c = randomBytes(r);
      int raw = Integer.signum(Arrays.compareUnsigned(a, c));
      // With anything appended after the terminator, the order of the escaped values is still the raw order.
      byte[] ea = IndexKeys.concat(IndexKeys.escape(a, true), randomBytes(r));
      byte[] ec = IndexKeys.concat(IndexKeys.escape(c, true), randomBytes(r));
      if (raw != 0) {
        assertEquals(raw, Integer.signum(Arrays.compareUnsigned(ea, ec)), Arrays.toString(a) + " " + Arrays.toString(c));
      }
    }
  }

  @Test
  void sortBoundsSelectExactlyTheEntriesTheConditionHolds() {
    Random r = new Random(11);
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      values.add(randomNonEmpty(r));
    }
    values.add(new byte[] {0});
    values.add(new byte[] {0, 0});
    values.add(new byte[] {(byte) 0xFF});
    for (int trial = 0; trial < 300; trial++) {
      byte[] a = values.get(r.nextInt(values.size()));
      byte[] c = values.get(r.nextInt(values.size()));
      if (Arrays.compareUnsigned(a, c) > 0) {
        byte[] t = a;
        a = c;
        c = t;
      }
      for (IndexKeys.Op op : IndexKeys.Op.values()) {
        IndexKeys.Bounds bounds = IndexKeys.sortBounds(op, a, c);
        for (byte[] v : values) {
          byte[] base = KeyCodec.itemKey(randomNonEmpty(r), randomNonEmpty(r));
          Item item = Item.newBuilder().putAttributes("owner", s("o")).putAttributes("rank", b(v)).build();
          byte[] sortPart = KeyCodec.skOf(IndexKeys.entryKey(GSI, item, base));
          assertEquals(holds(op, v, a, c), inside(bounds, sortPart), op + " " + Arrays.toString(a) + " "
              + Arrays.toString(c) + " value " + Arrays.toString(v));
        }
      }
    }
  }

  @Test
  void entryKeyIsNullForSparseOrMistypedItemsAndEndsWithTheBaseKey() {
    byte[] base = KeyCodec.itemKey("p".getBytes(), null);
    assertNull(IndexKeys.entryKey(GSI, Item.newBuilder().putAttributes("owner", s("x")).build(), base));
    assertNull(IndexKeys.entryKey(GSI, Item.newBuilder().putAttributes("owner", s("x"))
        .putAttributes("rank", s("not binary")).build(), base));
    assertNull(IndexKeys.entryKey(GSI, Item.newBuilder().putAttributes("owner", s(""))
        .putAttributes("rank", b(new byte[] {1})).build(), base));
    byte[] k = IndexKeys.entryKey(GSI, Item.newBuilder().putAttributes("owner", s("x"))
        .putAttributes("rank", b(new byte[] {1})).build(), base);
    assertNotNull(k);
    assertArrayEquals("x".getBytes(), KeyCodec.pkOf(k));
    byte[] tail = Arrays.copyOfRange(k, k.length - base.length, k.length);
    assertArrayEquals(base, tail);
  }

  @Test
  void lsiEntriesHashWithTheBaseTableAndGsiEntriesWithTheIndex() {
    IndexInfo lsi = GSI.toBuilder().setKind(IndexInfo.Kind.LOCAL).build();
    assertEquals(4, IndexKeys.hashTableId(lsi, 4));
    assertEquals(9, IndexKeys.hashTableId(GSI, 4));
  }

  private static boolean holds(IndexKeys.Op op, byte[] v, byte[] a, byte[] c) {
    int ca = Arrays.compareUnsigned(v, a);
    switch (op) {
      case EQ:
        return ca == 0;
      case LT:
        return ca < 0;
      case LE:
        return ca <= 0;
      case GT:
        return ca > 0;
      case GE:
        return ca >= 0;
      case BETWEEN:
        return ca >= 0 && Arrays.compareUnsigned(v, c) <= 0;
      default:
        return v.length >= a.length && Arrays.equals(Arrays.copyOf(v, a.length), a);
    }
  }

  private static boolean inside(IndexKeys.Bounds bounds, byte[] k) {
    if (bounds.lower() != null) {
      int c = Arrays.compareUnsigned(k, bounds.lower());
      if (c < 0 || (c == 0 && !bounds.lowerInclusive())) {
        return false;
      }
    }
    if (bounds.upper() != null) {
      int c = Arrays.compareUnsigned(k, bounds.upper());
      return c < 0 || (c == 0 && bounds.upperInclusive());
    }
    return true;
  }

  private static byte[] randomBytes(Random r) {
    byte[] out = new byte[r.nextInt(5)];
    for (int i = 0; i < out.length; i++) {
      int pick = r.nextInt(4);
      out[i] = (byte) (pick == 0 ? 0 : pick == 1 ? 0xFF : pick == 2 ? 1 : r.nextInt(256));
    }
    return out;
  }

  private static byte[] randomNonEmpty(Random r) {
    byte[] out = randomBytes(r);
    return out.length == 0 ? new byte[] {(byte) r.nextInt(256)} : out;
  }
}
