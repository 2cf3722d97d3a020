package io.shoal.core.expression;

import io.shoal.core.expression.Ast.Arith;
import io.shoal.core.expression.Ast.Call;
import io.shoal.core.expression.Ast.Clause;
import io.shoal.core.expression.Ast.Field;
import io.shoal.core.expression.Ast.Index;
import io.shoal.core.expression.Ast.Literal;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathElement;
import io.shoal.core.expression.Ast.PathRef;
import io.shoal.core.expression.Ast.UpdateAction;
import io.shoal.core.number.DynamoNumber;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resolved UpdateExpression. All right-hand sides are computed from the item as it was before the
 * update, then SET, REMOVE, ADD and DELETE are applied. Runtime error texts come from DynamoDB as
 * quoted by ScyllaDB's test_update_expression.py and moto's tests.
 */
public final class Update {
  static final String MISSING_ATTRIBUTE =
      "The provided expression refers to an attribute that does not exist in the item";
  static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
  static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

  private final List<UpdateAction> actions;

  Update(List<UpdateAction> actions) {
    this.actions = actions;
  }

  public List<UpdateAction> actions() {
    return actions;
  }

  /** Top-level attributes this update touches, for ReturnValues UPDATED_OLD / UPDATED_NEW. */
  public Set<String> updatedAttributes() {
    Set<String> out = new LinkedHashSet<>();
    for (UpdateAction a : actions) {
      out.add(a.path().head());
    }
    return out;
  }

  /**
   * The paths this update writes, as a projection: applied to the old item it gives UPDATED_OLD,
   * to the new item UPDATED_NEW. The paths never overlap (the parser rejects that).
   */
  public Projection updatedPaths() {
    List<Path> paths = new ArrayList<>();
    for (UpdateAction a : actions) {
      paths.add(a.path());
    }
    return new Projection(List.copyOf(paths));
  }

  /**
   * Applies the update; {@code item} may be null or empty when the item does not exist yet.
   *
   * @throws ExpressionException with DynamoDB's ValidationException text when the item's data does
   *     not fit the expression; {@link io.shoal.core.number.InvalidNumberException} when arithmetic
   *     leaves DynamoDB's number range
   */
  public Item apply(Item item) {
    Map<String, AttributeValue> old = item == null ? Map.of() : item.getAttributesMap();
    List<AttributeValue> computed = new ArrayList<>();
    for (UpdateAction a : actions) {
      computed.add(a.value() == null || a.clause() != Clause.SET ? null : value(a.value(), old));
    }
    Map<String, AttributeValue> cur = new LinkedHashMap<>(old);
    for (int i = 0; i < actions.size(); i++) {
      UpdateAction a = actions.get(i);
      if (a.clause() == Clause.SET) {
        set(cur, a.path(), computed.get(i));
      }
    }
    // Removing list elements by original index: go from the highest index down so earlier
    // removals do not shift later ones.
    List<UpdateAction> removes = new ArrayList<>();
    for (UpdateAction a : actions) {
      if (a.clause() == Clause.REMOVE) {
        removes.add(a);
      }
    }
    removes.sort(Comparator.comparingInt(Update::lastIndex).reversed());
    for (UpdateAction a : removes) {
      // DynamoDB quirk: REMOVE x.y on an item that does not exist is silently ignored, while on an
      // existing item without x it is an invalid path (ScyllaDB test_update_expression.py,
      // test_nested_attribute_remove_from_missing_item, xfail there because DynamoDB does this).
      if (old.isEmpty()) {
        continue;
      }
      remove(cur, a.path());
    }
    for (UpdateAction a : actions) {
      if (a.clause() == Clause.ADD || a.clause() == Clause.DELETE) {
        AttributeValue operand = ((Literal) a.value()).value();
        AttributeValue existing = Paths.get(cur, a.path());
        AttributeValue next = a.clause() == Clause.ADD ? SetOps.add(existing, operand)
            : SetOps.delete(existing, operand);
        if (next == null) {
          if (existing != null) {
            remove(cur, a.path());
          }
        } else {
          set(cur, a.path(), next);
        }
      }
    }
    return Item.newBuilder().putAllAttributes(cur).build();
  }

  private static int lastIndex(UpdateAction a) {
    PathElement last = a.path().elements().get(a.path().elements().size() - 1);
    return last instanceof Index ix ? ix.index() : -1;
  }

  static AttributeValue value(Operand o, Map<String, AttributeValue> item) {
    if (o instanceof Literal l) {
      return l.value();
    }
    if (o instanceof PathRef p) {
      AttributeValue v = Paths.get(item, p.path());
      if (v == null) {
        throw new ExpressionException(MISSING_ATTRIBUTE);
      }
      return v;
    }
    if (o instanceof Arith a) {
      AttributeValue x = value(a.left(), item);
      AttributeValue y = value(a.right(), item);
      if (!x.hasN() || !y.hasN()) {
        throw new ExpressionException(WRONG_TYPE);
      }
      BigDecimal r = a.plus() ? Values.number(x).add(Values.number(y))
          : Values.number(x).subtract(Values.number(y));
      return Values.number(DynamoNumber.validate(r));
    }
    Call c = (Call) o;
    if (c.name().equals("if_not_exists")) {
      AttributeValue v = Paths.get(item, ((PathRef) c.args().get(0)).path());
      return v != null ? v : value(c.args().get(1), item);
    }
    // list_append
    AttributeValue x = value(c.args().get(0), item);
    AttributeValue y = value(c.args().get(1), item);
    if (!x.hasL() || !y.hasL()) {
      throw new ExpressionException(WRONG_TYPE);
    }
    return AttributeValue.newBuilder()
        .setL(AttributeList.newBuilder().addAllValues(x.getL().getValuesList())
            .addAllValues(y.getL().getValuesList()))
        .build();
  }

  /** SET: parents must exist with the right type; an index past the end appends. */
  static void set(Map<String, AttributeValue> item, Path path, AttributeValue v) {
    List<PathElement> els = path.elements();
    String head = ((Field) els.get(0)).name();
    if (els.size() == 1) {
      item.put(head, v);
      return;
    }
    AttributeValue root = item.get(head);
    if (root == null) {
      throw new ExpressionException(INVALID_PATH);
    }
    item.put(head, setIn(root, els, 1, v));
  }

  private static AttributeValue setIn(AttributeValue cur, List<PathElement> els, int i, AttributeValue v) {
    PathElement e = els.get(i);
    boolean last = i == els.size() - 1;
    if (e instanceof Field f) {
      if (!cur.hasM()) {
        throw new ExpressionException(INVALID_PATH);
      }
      AttributeValue child = cur.getM().getValuesMap().get(f.name());
      AttributeValue next;
      if (last) {
        next = v;
      } else if (child == null) {
        throw new ExpressionException(INVALID_PATH);
      } else {
        next = setIn(child, els, i + 1, v);
      }
      return cur.toBuilder().setM(cur.getM().toBuilder().putValues(f.name(), next)).build();
    }
    int ix = ((Index) e).index();
    if (!cur.hasL()) {
      throw new ExpressionException(INVALID_PATH);
    }
    AttributeList list = cur.getL();
    if (ix >= list.getValuesCount()) {
      if (!last) {
        throw new ExpressionException(INVALID_PATH);
      }
      return cur.toBuilder().setL(list.toBuilder().addValues(v)).build();
    }
    AttributeValue next = last ? v : setIn(list.getValues(ix), els, i + 1, v);
    return cur.toBuilder().setL(list.toBuilder().setValues(ix, next)).build();
  }

  /** REMOVE: a missing leaf is a no-op; a missing or mistyped parent is an invalid path. */
  static void remove(Map<String, AttributeValue> item, Path path) {
    List<PathElement> els = path.elements();
    String head = ((Field) els.get(0)).name();
    if (els.size() == 1) {
      item.remove(head);
      return;
    }
    AttributeValue root = item.get(head);
    if (root == null) {
      throw new ExpressionException(INVALID_PATH);
    }
    item.put(head, removeIn(root, els, 1));
  }

  private static AttributeValue removeIn(AttributeValue cur, List<PathElement> els, int i) {
    PathElement e = els.get(i);
    boolean last = i == els.size() - 1;
    if (e instanceof Field f) {
      if (!cur.hasM()) {
        throw new ExpressionException(INVALID_PATH);
      }
      AttributeValue child = cur.getM().getValuesMap().get(f.name());
      if (last || child == null) {
        if (!last) {
          throw new ExpressionException(INVALID_PATH);
        }
        return cur.toBuilder().setM(cur.getM().toBuilder().removeValues(f.name())).build();
      }
      return cur.toBuilder().setM(cur.getM().toBuilder().putValues(f.name(), removeIn(child, els, i + 1))).build();
    }
    int ix = ((Index) e).index();
    if (!cur.hasL()) {
      throw new ExpressionException(INVALID_PATH);
    }
    AttributeList list = cur.getL();
    if (ix >= list.getValuesCount()) {
      if (!last) {
        throw new ExpressionException(INVALID_PATH);
      }
      return cur;
    }
    List<AttributeValue> values = new ArrayList<>(list.getValuesList());
    if (last) {
      values.remove(ix);
    } else {
      values.set(ix, removeIn(values.get(ix), els, i + 1));
    }
    return cur.toBuilder().setL(AttributeList.newBuilder().addAllValues(values)).build();
  }

  @Override
  public String toString() {
    return "Update" + actions;
  }
}
