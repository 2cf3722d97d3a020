package io.shoal.core.index;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import java.util.List;

/**
 * DynamoDB refuses a write whose item has an index key attribute of another type than the index declares, or an
 * empty string or binary there; an item without the attribute is fine (it is just absent from the index).
 */
public final class IndexKeyCheck {
  private IndexKeyCheck() {}

  /** The ValidationException message for the first violation, or null when the item may be written. */
  public static String violation(List<IndexInfo> indexes, Item item) {
    for (IndexInfo index : indexes) {
      String m = violation(index, index.getHashKey(), item);
      if (m == null && !index.getRangeKey().getName().isEmpty()) {
        m = violation(index, index.getRangeKey(), item);
      }
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  private static String violation(IndexInfo index, KeyAttribute key, Item item) {
    AttributeValue v = item.getAttributesMap().get(key.getName());
    if (v == null) {
      return null;
    }
    ScalarType actual = IndexKeys.typeOf(v);
    if (actual != key.getType()) {
      return "One or more parameter values were invalid: Type mismatch for Index Key " + key.getName()
          + " Expected: " + key.getType() + " Actual: " + (actual == null ? typeName(v) : actual)
          + " IndexName: " + index.getName();
    }
    boolean empty = (actual == ScalarType.S && v.getS().isEmpty()) || (actual == ScalarType.B && v.getB().isEmpty());
    if (empty) {
      return "One or more parameter values are not valid. A value specified for a secondary index key is not "
          + "supported. The AttributeValue for a key attribute cannot contain an empty " + (actual == ScalarType.S
          ? "string" : "binary") + " value. IndexName: " + index.getName() + ", IndexKey: " + key.getName();
    }
    return null;
  }

  static boolean hasType(AttributeValue v, ScalarType type) {
    return IndexKeys.typeOf(v) == type;
  }

  private static String typeName(AttributeValue v) {
    switch (v.getValueCase()) {
      case BOOL:
        return "BOOL";
      case NULL:
        return "NULL";
      case SS:
        return "SS";
      case NS:
        return "NS";
      case BS:
        return "BS";
      case L:
        return "L";
      case M:
        return "M";
      default:
        return v.getValueCase().name();
    }
  }
}
