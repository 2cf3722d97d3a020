package io.shoal.core.expression;

import io.shoal.core.expression.Ast.And;
import io.shoal.core.expression.Ast.Between;
import io.shoal.core.expression.Ast.Call;
import io.shoal.core.expression.Ast.Compare;
import io.shoal.core.expression.Ast.Cond;
import io.shoal.core.expression.Ast.FunctionCond;
import io.shoal.core.expression.Ast.In;
import io.shoal.core.expression.Ast.Literal;
import io.shoal.core.expression.Ast.Not;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Or;
import io.shoal.core.expression.Ast.PathRef;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A resolved ConditionExpression or FilterExpression. Evaluation never throws for data reasons: a
 * missing attribute or a type mismatch makes the comparison false, as in DynamoDB.
 */
public final class Condition {
  private final Cond root;

  Condition(Cond root) {
    this.root = root;
  }

  /** The resolved tree (names and values bound). */
  public Cond root() {
    return root;
  }

  /** Evaluates against an item; pass {@code Item.getDefaultInstance()} when there is no item. */
  public boolean evaluate(Item item) {
    return evaluate(item == null ? Map.of() : item.getAttributesMap());
  }

  public boolean evaluate(Map<String, AttributeValue> item) {
    return eval(root, item);
  }

  private static boolean eval(Cond c, Map<String, AttributeValue> item) {
    if (c instanceof And a) {
      return eval(a.left(), item) && eval(a.right(), item);
    }
    if (c instanceof Or o) {
      return eval(o.left(), item) || eval(o.right(), item);
    }
    if (c instanceof Not n) {
      return !eval(n.inner(), item);
    }
    if (c instanceof Compare cmp) {
      return compare(cmp.op(), value(cmp.left(), item), value(cmp.right(), item));
    }
    if (c instanceof Between b) {
      AttributeValue v = value(b.value(), item);
      AttributeValue lo = value(b.low(), item);
      AttributeValue hi = value(b.high(), item);
      return v != null && lo != null && hi != null
          && Values.orderable(v, lo) && Values.orderable(v, hi)
          && Values.compare(lo, v) <= 0 && Values.compare(v, hi) <= 0;
    }
    if (c instanceof In in) {
      AttributeValue v = value(in.value(), item);
      if (v == null) {
        return false;
      }
      for (Operand o : in.candidates()) {
        AttributeValue w = value(o, item);
        if (w != null && Values.equal(v, w)) {
          return true;
        }
      }
      return false;
    }
    return function((FunctionCond) c, item);
  }

  /**
   * "&lt;&gt;" is true when either side is missing: DynamoDB treats NE as "not equal", not "both
   * present and different" (ScyllaDB's test_condition_expression.py, run against DynamoDB).
   */
  private static boolean compare(String op, AttributeValue a, AttributeValue b) {
    if (op.equals("=")) {
      return a != null && b != null && Values.equal(a, b);
    }
    if (op.equals("<>")) {
      return a == null || b == null || !Values.equal(a, b);
    }
    if (a == null || b == null || !Values.orderable(a, b)) {
      return false;
    }
    int r = Values.compare(a, b);
    switch (op) {
      case "<": return r < 0;
      case "<=": return r <= 0;
      case ">": return r > 0;
      default: return r >= 0;
    }
  }

  private static boolean function(FunctionCond f, Map<String, AttributeValue> item) {
    switch (f.name()) {
      case "attribute_exists":
        return value(f.args().get(0), item) != null;
      case "attribute_not_exists":
        return value(f.args().get(0), item) == null;
      case "attribute_type": {
        AttributeValue v = value(f.args().get(0), item);
        AttributeValue t = value(f.args().get(1), item);
        return v != null && t != null && t.hasS() && t.getS().equals(Values.type(v));
      }
      case "begins_with": {
        AttributeValue v = value(f.args().get(0), item);
        AttributeValue p = value(f.args().get(1), item);
        if (v == null || p == null) {
          return false;
        }
        if (v.hasS() && p.hasS()) {
          return v.getS().startsWith(p.getS());
        }
        return v.hasB() && p.hasB() && v.getB().startsWith(p.getB());
      }
      case "contains":
        return contains(value(f.args().get(0), item), value(f.args().get(1), item));
      default:
        throw new IllegalStateException("unchecked function " + f.name());
    }
  }

  private static boolean contains(AttributeValue v, AttributeValue x) {
    if (v == null || x == null) {
      return false;
    }
    switch (v.getValueCase()) {
      case S:
        return x.hasS() && v.getS().contains(x.getS());
      case B:
        return x.hasB() && indexOf(v.getB().toByteArray(), x.getB().toByteArray());
      case SS:
        return x.hasS() && v.getSs().getValuesList().contains(x.getS());
      case NS:
        return x.hasN() && Values.numberSet(v.getNs().getValuesList())
            .contains(new BigDecimal(x.getN()).stripTrailingZeros());
      case BS:
        return x.hasB() && v.getBs().getValuesList().contains(x.getB());
      case L:
        for (AttributeValue e : v.getL().getValuesList()) {
          if (Values.equal(e, x)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  private static boolean indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** An operand's value, or null when it has none (missing path, size of an unsized type). */
  static AttributeValue value(Operand o, Map<String, AttributeValue> item) {
    if (o instanceof Literal l) {
      return l.value();
    }
    if (o instanceof PathRef p) {
      return Paths.get(item, p.path());
    }
    if (o instanceof Call call && call.name().equals("size")) {
      AttributeValue v = value(call.args().get(0), item);
      Integer size = v == null ? null : Values.size(v);
      return size == null ? null : Values.number(BigDecimal.valueOf(size));
    }
    throw new IllegalStateException("operand not valid in a condition: " + o);
  }

  @Override
  public String toString() {
    return "Condition" + root;
  }
}
