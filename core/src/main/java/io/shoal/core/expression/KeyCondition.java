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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resolved KeyConditionExpression, split into one or two key terms. Which term is the partition
 * key is decided by the caller against the key schema ({@link #partitionKey(String)}), since
 * DynamoDB accepts the terms in either order. Shape error texts come from dynalite's query
 * validation (convertKeyCondition).
 */
public final class KeyCondition {

  /** Operator of one key term. */
  public enum Op { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

  /** {@code attribute op values}: one value, or two for BETWEEN. */
  public record Term(String attribute, Op op, List<AttributeValue> values) {
    public Term {
      values = List.copyOf(values);
    }
  }

  private final List<Term> terms;

  private KeyCondition(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  public List<Term> terms() {
    return terms;
  }

  /** The equality term on {@code hashKey}, if present. */
  public Optional<Term> partitionKey(String hashKey) {
    return terms.stream().filter(t -> t.attribute().equals(hashKey) && t.op() == Op.EQ).findFirst();
  }

  /** The term on any attribute other than {@code hashKey} (the sort key condition), if present. */
  public Optional<Term> sortKey(String hashKey) {
    return terms.stream().filter(t -> !t.attribute().equals(hashKey)).findFirst();
  }

  static KeyCondition from(Cond c) {
    List<Term> out = new ArrayList<>();
    collect(c, out);
    if (out.size() > 2) {
      throw invalidShape("Conditions can be of length 1 or 2 only");
    }
    return new KeyCondition(out);
  }

  private static ExpressionException invalidShape(String detail) {
    // dynalite's query tests expect these texts verbatim, without the "Invalid ...:" prefix.
    return new ExpressionException(detail);
  }

  private static void collect(Cond c, List<Term> out) {
    if (c instanceof And a) {
      collect(a.left(), out);
      collect(a.right(), out);
      return;
    }
    if (c instanceof Or) {
      throw invalidShape("Invalid operator used in KeyConditionExpression: OR");
    }
    if (c instanceof Not) {
      throw invalidShape("Invalid operator used in KeyConditionExpression: NOT");
    }
    if (c instanceof In) {
      throw invalidShape("Invalid operator used in KeyConditionExpression: IN");
    }
    Term t;
    if (c instanceof Compare cmp) {
      if (cmp.op().equals("<>")) {
        throw invalidShape("Invalid operator used in KeyConditionExpression: <>");
      }
      boolean keyLeft = cmp.left() instanceof PathRef;
      Operand key = keyLeft ? cmp.left() : cmp.right();
      Operand val = keyLeft ? cmp.right() : cmp.left();
      Op op = switch (cmp.op()) {
        case "=" -> Op.EQ;
        case "<" -> keyLeft ? Op.LT : Op.GT;
        case "<=" -> keyLeft ? Op.LE : Op.GE;
        case ">" -> keyLeft ? Op.GT : Op.LT;
        default -> keyLeft ? Op.GE : Op.LE;
      };
      t = new Term(keyName(key, val), op, List.of(literal(val)));
    } else if (c instanceof Between b) {
      if (!(b.value() instanceof PathRef)) {
        throw invalidShape("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
      }
      t = new Term(keyName(b.value(), b.low()), Op.BETWEEN, List.of(literal(b.low()), literal(b.high())));
    } else {
      FunctionCond f = (FunctionCond) c;
      if (!f.name().equals("begins_with")) {
        throw invalidShape("Invalid operator used in KeyConditionExpression: " + f.name());
      }
      if (!(f.args().get(0) instanceof PathRef)) {
        throw invalidShape("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
      }
      t = new Term(keyName(f.args().get(0), f.args().get(1)), Op.BEGINS_WITH, List.of(literal(f.args().get(1))));
    }
    for (Term prev : out) {
      if (prev.attribute().equals(t.attribute())) {
        throw invalidShape("KeyConditionExpressions must only contain one condition per key");
      }
    }
    out.add(t);
  }

  private static String keyName(Operand key, Operand other) {
    if (key instanceof Call || other instanceof Call) {
      throw invalidShape("KeyConditionExpressions cannot contain nested operations");
    }
    if (!(key instanceof PathRef p)) {
      throw invalidShape("Invalid condition in KeyConditionExpression: No key attribute specified");
    }
    if (other instanceof PathRef) {
      throw invalidShape("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
    }
    if (p.path().elements().size() > 1) {
      throw invalidShape("KeyConditionExpressions cannot have conditions on nested attributes");
    }
    return p.path().head();
  }

  private static AttributeValue literal(Operand o) {
    if (o instanceof Literal l) {
      return l.value();
    }
    if (o instanceof Call) {
      throw invalidShape("KeyConditionExpressions cannot contain nested operations");
    }
    throw invalidShape("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
  }

  @Override
  public String toString() {
    return "KeyCondition" + terms;
  }
}
