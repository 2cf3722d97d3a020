package io.shoal.core.expression;

import io.shoal.core.expression.Ast.And;
import io.shoal.core.expression.Ast.Arith;
import io.shoal.core.expression.Ast.Between;
import io.shoal.core.expression.Ast.Call;
import io.shoal.core.expression.Ast.Compare;
import io.shoal.core.expression.Ast.Cond;
import io.shoal.core.expression.Ast.FunctionCond;
import io.shoal.core.expression.Ast.In;
import io.shoal.core.expression.Ast.Not;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Or;
import io.shoal.core.expression.Ast.UpdateAction;
import java.util.List;

/**
 * DynamoDB's limit of 300 operators per expression (developer guide, "Expression parameters"). What counts was
 * measured against DynamoDB by ScyllaDB's Alternator tests (test_limits.py, test_deeply_nested_expression_*):
 * comparators, BETWEEN, IN, AND, OR and NOT count; parentheses and function calls do not (a &lt; f(f(...(b)))
 * nested 1355 deep is refused for the unknown function, not for operators). In updates the arithmetic + and -
 * count (the guide's example: "SET a = :val1 + :val2 + :val3 contains two + operators"). DynamoDB stops at the
 * first operator over the limit, so its message always says "operator count: 301".
 */
final class OperatorCount {
  static final int MAX_OPERATORS = 300;

  private OperatorCount() {}

  static void check(Cond c, ExpressionKind kind) {
    if (count(c) > MAX_OPERATORS) {
      throw tooMany(kind);
    }
  }

  static void check(List<UpdateAction> actions) {
    long n = 0;
    for (UpdateAction a : actions) {
      if (a.value() != null) {
        n += count(a.value());
      }
    }
    if (n > MAX_OPERATORS) {
      throw tooMany(ExpressionKind.UPDATE);
    }
  }

  private static ExpressionException tooMany(ExpressionKind kind) {
    return ExpressionException.invalid(kind,
        "The expression contains too many operators; operator count: " + (MAX_OPERATORS + 1));
  }

  static long count(Cond c) {
    if (c instanceof Compare k) {
      return 1 + count(k.left()) + count(k.right());
    }
    if (c instanceof Between b) {
      return 1 + count(b.value()) + count(b.low()) + count(b.high());
    }
    if (c instanceof In in) {
      long n = 1 + count(in.value());
      for (Operand o : in.candidates()) {
        n += count(o);
      }
      return n;
    }
    if (c instanceof And a) {
      return 1 + count(a.left()) + count(a.right());
    }
    if (c instanceof Or o) {
      return 1 + count(o.left()) + count(o.right());
    }
    if (c instanceof Not n) {
      return 1 + count(n.inner());
    }
    FunctionCond f = (FunctionCond) c;
    long n = 0;
    for (Operand o : f.args()) {
      n += count(o);
    }
    return n;
  }

  static long count(Operand o) {
    if (o instanceof Arith a) {
      return 1 + count(a.left()) + count(a.right());
    }
    if (o instanceof Call call) {
      long n = 0;
      for (Operand arg : call.args()) {
        n += count(arg);
      }
      return n;
    }
    return 0;
  }
}
