package io.shoal.core.index;

import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import java.util.Map;

/**
 * What an index entry holds: the whole item (ALL), or the table and index key attributes plus, for INCLUDE, the
 * listed non-key attributes — DynamoDB's projections.
 */
public final class Projection {
  private Projection() {}

  public static Item project(IndexInfo index, IndexKeys.TableKeys table, Item item) {
    if (index.getProjectionType() == IndexInfo.ProjectionType.ALL) {
      return item;
    }
    Map<String, AttributeValue> attrs = item.getAttributesMap();
    Item.Builder out = Item.newBuilder();
    copy(attrs, table.hash().getName(), out);
    copy(attrs, table.range().getName(), out);
    copy(attrs, index.getHashKey().getName(), out);
    copy(attrs, index.getRangeKey().getName(), out);
    if (index.getProjectionType() == IndexInfo.ProjectionType.INCLUDE) {
      for (String name : index.getNonKeyAttributesList()) {
        copy(attrs, name, out);
      }
    }
    return out.build();
  }

  /** Whether a top-level attribute is held by the index's entries. */
  public static boolean projects(IndexInfo index, IndexKeys.TableKeys table, String attribute) {
    if (index.getProjectionType() == IndexInfo.ProjectionType.ALL) {
      return true;
    }
    if (attribute.equals(table.hash().getName()) || attribute.equals(table.range().getName())
        || attribute.equals(index.getHashKey().getName()) || attribute.equals(index.getRangeKey().getName())) {
      return true;
    }
    return index.getProjectionType() == IndexInfo.ProjectionType.INCLUDE
        && index.getNonKeyAttributesList().contains(attribute);
  }

  private static void copy(Map<String, AttributeValue> from, String name, Item.Builder to) {
    if (!name.isEmpty()) {
      AttributeValue v = from.get(name);
      if (v != null) {
        to.putAttributes(name, v);
      }
    }
  }
}
