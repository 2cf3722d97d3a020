package io.shoal.core.expression;

import io.shoal.core.expression.Ast.Field;
import io.shoal.core.expression.Ast.Index;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathElement;
import io.shoal.proto.AttributeValue;
import java.util.List;
import java.util.Map;

/** Reading a resolved document path out of an item. */
final class Paths {
  private Paths() {}

  /** The value at {@code path}, or null when any step is missing or of the wrong type. */
  static AttributeValue get(Map<String, AttributeValue> item, Path path) {
    List<PathElement> els = path.elements();
    AttributeValue cur = item.get(((Field) els.get(0)).name());
    for (int i = 1; i < els.size() && cur != null; i++) {
      cur = step(cur, els.get(i));
    }
    return cur;
  }

  static AttributeValue step(AttributeValue cur, PathElement e) {
    if (e instanceof Field f) {
      return cur.hasM() ? cur.getM().getValuesMap().get(f.name()) : null;
    }
    int ix = ((Index) e).index();
    if (!cur.hasL() || ix >= cur.getL().getValuesCount()) {
      return null;
    }
    return cur.getL().getValues(ix);
  }
}
