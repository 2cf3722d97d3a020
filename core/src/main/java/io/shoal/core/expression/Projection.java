package io.shoal.core.expression;

import io.shoal.core.expression.Ast.Field;
import io.shoal.core.expression.Ast.Index;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathElement;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resolved ProjectionExpression. Returns the requested parts of an item the way DynamoDB does:
 * maps keep only the selected keys, lists keep only the selected elements, compacted in index
 * order (a[3], a[1] of a 5-element list gives [a[1], a[3]]); paths that do not exist are skipped.
 */
public final class Projection {
  private final List<Path> paths;

  Projection(List<Path> paths) {
    this.paths = paths;
  }

  public List<Path> paths() {
    return paths;
  }

  /** The top-level attribute names the projection needs, e.g. to fetch fewer columns. */
  public List<String> topLevelAttributes() {
    return paths.stream().map(Path::head).distinct().toList();
  }

  public Item apply(Item item) {
    Node root = new Node();
    Map<String, AttributeValue> attrs = item == null ? Map.of() : item.getAttributesMap();
    AttributeValue top = AttributeValue.newBuilder()
        .setM(AttributeMap.newBuilder().putAllValues(attrs)).build();
    for (Path p : paths) {
      root.select(top, p.elements(), 0);
    }
    Item.Builder out = Item.newBuilder();
    root.fields.forEach((k, v) -> out.putAttributes(k, v.build()));
    return out.build();
  }

  /** Partial copy of a value being assembled: either a leaf, a map or a list selection. */
  private static final class Node {
    AttributeValue leaf;
    final Map<String, Node> fields = new LinkedHashMap<>();
    final TreeMap<Integer, Node> items = new TreeMap<>();
    boolean isList;

    /** Returns false when the path does not exist under {@code v}. */
    boolean select(AttributeValue v, List<PathElement> els, int i) {
      if (i == els.size()) {
        leaf = v;
        return true;
      }
      AttributeValue child = Paths.step(v, els.get(i));
      if (child == null) {
        return false;
      }
      Node next;
      if (els.get(i) instanceof Field f) {
        next = fields.computeIfAbsent(f.name(), k -> new Node());
      } else {
        isList = true;
        next = items.computeIfAbsent(((Index) els.get(i)).index(), k -> new Node());
      }
      boolean found = next.select(child, els, i + 1);
      if (!found && next.leaf == null && next.fields.isEmpty() && next.items.isEmpty()) {
        if (els.get(i) instanceof Field f) {
          fields.remove(f.name());
        } else {
          items.remove(((Index) els.get(i)).index());
        }
      }
      return found;
    }

    AttributeValue build() {
      if (leaf != null) {
        return leaf;
      }
      if (isList) {
        AttributeList.Builder l = AttributeList.newBuilder();
        items.values().forEach(n -> l.addValues(n.build()));
        return AttributeValue.newBuilder().setL(l).build();
      }
      AttributeMap.Builder m = AttributeMap.newBuilder();
      fields.forEach((k, n) -> m.putValues(k, n.build()));
      return AttributeValue.newBuilder().setM(m).build();
    }
  }

  @Override
  public String toString() {
    return "Projection" + paths;
  }
}
