package io.shoal.core.expression;

import io.shoal.core.expression.Ast.And;
import io.shoal.core.expression.Ast.Arith;
import io.shoal.core.expression.Ast.Between;
import io.shoal.core.expression.Ast.Call;
import io.shoal.core.expression.Ast.Compare;
import io.shoal.core.expression.Ast.Cond;
import io.shoal.core.expression.Ast.Field;
import io.shoal.core.expression.Ast.FunctionCond;
import io.shoal.core.expression.Ast.In;
import io.shoal.core.expression.Ast.Literal;
import io.shoal.core.expression.Ast.Not;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Or;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathElement;
import io.shoal.core.expression.Ast.PathRef;
import io.shoal.core.expression.Ast.UpdateAction;
import io.shoal.core.expression.Ast.ValueRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@code #name} aliases and {@code :value} references of a parsed tree, returning a new tree;
 * the cached parse is never modified. Undefined references fail with DynamoDB's texts (dynalite's
 * resolveAttrName/resolveAttrVal; also asserted by Alternator's test_expression_attribute_*).
 */
final class Resolver {
  private final ExpressionAttributes attrs;
  private final ExpressionKind kind;

  Resolver(ExpressionAttributes attrs, ExpressionKind kind) {
    this.attrs = attrs;
    this.kind = kind;
  }

  Path path(Path p) {
    List<PathElement> out = new ArrayList<>(p.elements().size());
    for (PathElement e : p.elements()) {
      if (e instanceof Field f && f.alias()) {
        out.add(new Field(attrs.name(f.name(), kind), false));
      } else {
        out.add(e);
      }
    }
    return new Path(out);
  }

  Operand operand(Operand o) {
    if (o instanceof PathRef p) {
      return new PathRef(path(p.path()));
    }
    if (o instanceof ValueRef v) {
      return new Literal(attrs.value(v.name(), kind));
    }
    if (o instanceof Call c) {
      return new Call(c.name(), operands(c.args()));
    }
    if (o instanceof Arith a) {
      Operand left = operand(a.left());
      return new Arith(a.plus(), left, operand(a.right()));
    }
    return o;
  }

  List<Operand> operands(List<Operand> list) {
    List<Operand> out = new ArrayList<>(list.size());
    for (Operand o : list) {
      out.add(operand(o));
    }
    return out;
  }

  Cond cond(Cond c) {
    if (c instanceof And a) {
      Cond left = cond(a.left());
      return new And(left, cond(a.right()));
    }
    if (c instanceof Or o) {
      Cond left = cond(o.left());
      return new Or(left, cond(o.right()));
    }
    if (c instanceof Not n) {
      return new Not(cond(n.inner()));
    }
    if (c instanceof Compare cmp) {
      Operand left = operand(cmp.left());
      return new Compare(cmp.op(), left, operand(cmp.right()));
    }
    if (c instanceof Between b) {
      Operand v = operand(b.value());
      Operand low = operand(b.low());
      return new Between(v, low, operand(b.high()));
    }
    if (c instanceof In in) {
      Operand v = operand(in.value());
      return new In(v, operands(in.candidates()));
    }
    FunctionCond f = (FunctionCond) c;
    return new FunctionCond(f.name(), operands(f.args()));
  }

  /** Resolves a condition and runs the checks that need bound values. */
  static Cond resolveCondition(Cond parsed, ExpressionKind kind, ExpressionAttributes attrs) {
    Cond resolved = new Resolver(attrs, kind).cond(parsed);
    SemanticChecks.checkCondition(resolved, kind);
    return resolved;
  }

  static List<UpdateAction> resolveUpdate(List<UpdateAction> parsed, ExpressionAttributes attrs) {
    Resolver r = new Resolver(attrs, ExpressionKind.UPDATE);
    // dynalite reports undefined names before undefined values, whatever their position.
    List<Path> paths = new ArrayList<>();
    for (UpdateAction a : parsed) {
      paths.add(r.path(a.path()));
    }
    List<UpdateAction> out = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      UpdateAction a = parsed.get(i);
      out.add(new UpdateAction(a.clause(), paths.get(i), a.value() == null ? null : r.operand(a.value())));
    }
    SemanticChecks.checkPathsDisjoint(paths, ExpressionKind.UPDATE);
    SemanticChecks.checkUpdate(out);
    return List.copyOf(out);
  }

  static List<Path> resolveProjection(List<Path> parsed, ExpressionAttributes attrs) {
    Resolver r = new Resolver(attrs, ExpressionKind.PROJECTION);
    List<Path> out = new ArrayList<>();
    for (Path p : parsed) {
      out.add(r.path(p));
    }
    SemanticChecks.checkPathsDisjoint(out, ExpressionKind.PROJECTION);
    return List.copyOf(out);
  }
}
