package io.shoal.core.expression;

import io.shoal.core.expression.Ast.Arith;
import io.shoal.core.expression.Ast.Between;
import io.shoal.core.expression.Ast.Call;
import io.shoal.core.expression.Ast.Clause;
import io.shoal.core.expression.Ast.Compare;
import io.shoal.core.expression.Ast.Cond;
import io.shoal.core.expression.Ast.Field;
import io.shoal.core.expression.Ast.FunctionCond;
import io.shoal.core.expression.Ast.Literal;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathRef;
import io.shoal.core.expression.Ast.UpdateAction;
import io.shoal.proto.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need bound names and values: operand counts, distinct operands, operand types of
 * literal values, BETWEEN bounds, overlapping paths. Texts and their order come from dynalite's
 * conditionParser.pegjs / updateParser.pegjs (operand count, then distinct, then types).
 */
final class SemanticChecks {
  private static final Map<String, Integer> ARITY =
      Map.of(
          "attribute_exists", 1, "attribute_not_exists", 1, "attribute_type", 2,
          "begins_with", 2, "contains", 2, "size", 1, "if_not_exists", 2, "list_append", 2);
  private static final Set<String> TYPE_NAMES =
      Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");
  private static final Map<String, String> LONG_TYPE_NAMES =
      Map.of("S", "STRING", "N", "NUMBER", "B", "BINARY", "NULL", "NULL", "BOOL", "BOOLEAN",
          "L", "LIST", "M", "MAP");

  private SemanticChecks() {}

  static void checkCondition(Cond c, ExpressionKind kind) {
    List<Operand> operands = new ArrayList<>();
    List<FunctionCond> functions = new ArrayList<>();
    StaticChecks.collect(c, operands, functions);
    List<Cond> conds = new ArrayList<>();
    flatten(c, conds);
    for (Cond x : conds) {
      if (x instanceof FunctionCond f) {
        checkArity(f.name(), f.args(), kind);
      }
    }
    for (Operand o : operands) {
      if (o instanceof Call call) {
        checkArity(call.name(), call.args(), kind);
      }
    }
    for (Cond x : conds) {
      if (x instanceof Compare cmp) {
        checkDistinct(cmp.op(), List.of(cmp.left(), cmp.right()), kind);
      } else if (x instanceof FunctionCond f) {
        checkDistinct(f.name(), f.args(), kind);
      }
    }
    for (Cond x : conds) {
      if (x instanceof Compare cmp && !cmp.op().equals("=") && !cmp.op().equals("<>")) {
        checkOrderable(cmp, kind);
      } else if (x instanceof FunctionCond f) {
        checkFunctionTypes(f.name(), f.args(), kind);
      } else if (x instanceof Between b) {
        checkBetween(b, kind);
      }
    }
    for (Operand o : operands) {
      if (o instanceof Call call) {
        checkFunctionTypes(call.name(), call.args(), kind);
      }
    }
  }

  /**
   * An ordering comparison against a constant that cannot be ordered (list, map, set, bool, null)
   * is a ValidationException, while the same mismatch coming from the item is just false
   * (ScyllaDB test_update_condition_lt, run against DynamoDB). The message text is as asserted by
   * a DynamoDB emulator's tests; not confirmed against DynamoDB itself.
   */
  private static void checkOrderable(Compare cmp, ExpressionKind kind) {
    for (Operand o : List.of(cmp.left(), cmp.right())) {
      if (o instanceof Literal l) {
        String t = Values.type(l.value());
        if (!t.equals("S") && !t.equals("N") && !t.equals("B")) {
          throw badType(cmp.op(), LONG_TYPE_NAMES.getOrDefault(t, t), kind);
        }
      }
    }
  }

  private static void flatten(Cond c, List<Cond> out) {
    out.add(c);
    if (c instanceof Ast.And a) {
      flatten(a.left(), out);
      flatten(a.right(), out);
    } else if (c instanceof Ast.Or o) {
      flatten(o.left(), out);
      flatten(o.right(), out);
    } else if (c instanceof Ast.Not n) {
      flatten(n.inner(), out);
    }
  }

  private static void checkArity(String name, List<Operand> args, ExpressionKind kind) {
    Integer want = ARITY.get(name);
    if (want != null && want != args.size()) {
      throw ExpressionException.invalid(kind,
          "Incorrect number of operands for operator or function; operator or function: "
              + name + ", number of operands: " + args.size());
    }
  }

  private static void checkDistinct(String op, List<Operand> args, ExpressionKind kind) {
    if (args.size() == 2 && args.get(0) instanceof PathRef a && args.get(1) instanceof PathRef b
        && a.path().equals(b.path())) {
      throw ExpressionException.invalid(kind,
          "The first operand must be distinct from the remaining operands for this operator or "
              + "function; operator: " + op + ", first operand: " + a.path());
    }
  }

  /** Static type of an operand when known without the item: literals and typed functions. */
  static String staticType(Operand o) {
    if (o instanceof Literal l) {
      return Values.type(l.value());
    }
    if (o instanceof Call c) {
      switch (c.name()) {
        case "size": return "N";
        case "list_append": return "L";
        case "if_not_exists": return c.args().size() == 2 ? staticType(c.args().get(1)) : null;
        default: return "BOOL";
      }
    }
    if (o instanceof Arith) {
      return "N";
    }
    return null;
  }

  private static ExpressionException badType(String name, String type, ExpressionKind kind) {
    return ExpressionException.invalid(kind,
        "Incorrect operand type for operator or function; operator or function: " + name
            + ", operand type: " + type);
  }

  private static void checkFunctionTypes(String name, List<Operand> args, ExpressionKind kind) {
    switch (name) {
      case "attribute_exists", "attribute_not_exists", "if_not_exists" -> {
        if (!(args.get(0) instanceof PathRef)) {
          throw ExpressionException.invalid(kind,
              "Operator or function requires a document path; operator or function: " + name);
        }
      }
      case "begins_with" -> {
        for (Operand a : args) {
          String t = staticType(a);
          if (t != null && !t.equals("S") && !t.equals("B")) {
            throw badType(name, t, kind);
          }
        }
      }
      case "attribute_type" -> {
        String t = staticType(args.get(1));
        if (!"S".equals(t)) {
          throw badType(name, t == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : t, kind);
        }
        String typeName = ((Literal) args.get(1)).value().getS();
        if (!TYPE_NAMES.contains(typeName)) {
          throw ExpressionException.invalid(kind, "Invalid attribute type name found; type: "
              + typeName + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
      }
      case "size" -> {
        String t = staticType(args.get(0));
        if (t != null && (t.equals("N") || t.equals("BOOL") || t.equals("NULL"))) {
          throw badType(name, t, kind);
        }
      }
      case "list_append" -> {
        for (Operand a : args) {
          if (a instanceof Literal && !"L".equals(staticType(a))) {
            throw badType(name, staticType(a), kind);
          }
        }
      }
      default -> {}
    }
  }

  private static void checkBetween(Between b, ExpressionKind kind) {
    if (!(b.low() instanceof Literal lo) || !(b.high() instanceof Literal hi)) {
      return;
    }
    AttributeValue x = lo.value();
    AttributeValue y = hi.value();
    if (x.getValueCase() != y.getValueCase()) {
      throw ExpressionException.invalid(kind,
          "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds(x, y));
    }
    if (Values.orderable(x, y) && Values.compare(x, y) > 0) {
      throw ExpressionException.invalid(kind,
          "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
              + bounds(x, y));
    }
  }

  /** Rendered only for an error: this check runs on every request that uses BETWEEN. */
  private static String bounds(AttributeValue x, AttributeValue y) {
    return "lower bound operand: AttributeValue: " + Values.render(x)
        + ", upper bound operand: AttributeValue: " + Values.render(y);
  }

  /**
   * Two paths where one is a prefix of the other overlap; paths that differ first in kind (name vs
   * index) at the same depth conflict. Overlap is reported before conflict (dynalite checkPaths).
   */
  static void checkPathsDisjoint(List<Path> paths, ExpressionKind kind) {
    ExpressionException conflict = null;
    for (int j = 1; j < paths.size(); j++) {
      for (int i = 0; i < j; i++) {
        Path p1 = paths.get(i);
        Path p2 = paths.get(j);
        int common = Math.min(p1.elements().size(), p2.elements().size());
        boolean diverged = false;
        for (int k = 0; k < common && !diverged; k++) {
          Ast.PathElement e1 = p1.elements().get(k);
          Ast.PathElement e2 = p2.elements().get(k);
          if ((e1 instanceof Field) != (e2 instanceof Field)) {
            if (conflict == null) {
              conflict = ExpressionException.invalid(kind,
                  "Two document paths conflict with each other; " + pathsSuffix(p1, p2));
            }
            diverged = true;
          } else if (!e1.equals(e2)) {
            diverged = true;
          }
        }
        if (!diverged) {
          throw ExpressionException.invalid(kind,
              "Two document paths overlap with each other; " + pathsSuffix(p1, p2));
        }
      }
    }
    if (conflict != null) {
      throw conflict;
    }
  }

  /**
   * Rendered only for an error: the check runs on every UpdateExpression and ProjectionExpression of every
   * request (and at apply on every replica), over every pair of paths.
   */
  private static String pathsSuffix(Path p1, Path p2) {
    return "must remove or rewrite one of these paths; path one: " + p1 + ", path two: " + p2;
  }

  /** ADD takes numbers and sets, DELETE only sets; +, - and list_append check literal types. */
  static void checkUpdate(List<UpdateAction> actions) {
    ExpressionKind kind = ExpressionKind.UPDATE;
    for (UpdateAction a : actions) {
      if (a.clause() == Clause.ADD || a.clause() == Clause.DELETE) {
        String t = staticType(a.value());
        if (LONG_TYPE_NAMES.containsKey(t) && !(a.clause() == Clause.ADD && t.equals("N"))) {
          throw ExpressionException.invalid(kind,
              "Incorrect operand type for operator or function; operator: " + a.clause()
                  + ", operand type: " + LONG_TYPE_NAMES.get(t));
        }
      }
    }
    List<Operand> operands = new ArrayList<>();
    for (UpdateAction a : actions) {
      if (a.value() != null) {
        StaticChecks.collectOperand(a.value(), operands);
      }
    }
    for (Operand o : operands) {
      if (o instanceof Call c) {
        checkArity(c.name(), c.args(), kind);
        checkFunctionTypes(c.name(), c.args(), kind);
      } else if (o instanceof Arith ar) {
        for (Operand x : List.of(ar.left(), ar.right())) {
          String t = staticType(x);
          if (x instanceof Literal && !"N".equals(t)) {
            throw badType(ar.plus() ? "+" : "-", t, kind);
          }
        }
      }
    }
  }
}
