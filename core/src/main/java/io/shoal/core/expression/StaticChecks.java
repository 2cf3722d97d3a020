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
import io.shoal.core.expression.Ast.Not;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Or;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathElement;
import io.shoal.core.expression.Ast.PathRef;
import io.shoal.core.expression.Ast.UpdateAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that depend only on the expression text, so they run once per parse and their result is
 * cached with the AST. Order follows dynalite's checkErrors() (conditionParser.pegjs,
 * updateParser.pegjs): for conditions unknown function, misused function, reserved word; for updates
 * reserved word, then unknown function.
 */
final class StaticChecks {
  static final Set<String> CONDITION_FUNCTIONS =
      Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
  static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");

  private StaticChecks() {}

  /** DynamoDB allows at most 100 values in an IN list (developer guide, condition syntax). */
  static final int MAX_IN_OPERANDS = 100;

  static void checkCondition(Cond c, ExpressionKind kind) {
    List<Operand> operands = new ArrayList<>();
    List<FunctionCond> functions = new ArrayList<>();
    collect(c, operands, functions);
    checkInSizes(c, kind);
    // 1. Function names. Texts: dynalite ("Invalid function name; function: x") and several
    // DynamoDB-tested emulators for update-only functions used in a condition.
    for (String name : functionNames(operands, functions)) {
      if (UPDATE_FUNCTIONS.contains(name)) {
        throw ExpressionException.invalid(
            kind, "The function is not allowed in a condition expression; function: " + name);
      }
      if (!CONDITION_FUNCTIONS.contains(name) && !name.equals("size")) {
        throw ExpressionException.invalid(kind, "Invalid function name; function: " + name);
      }
    }
    // 2. Boolean functions used as values, or size() used as a condition.
    for (FunctionCond f : functions) {
      if (f.name().equals("size")) {
        throw misused(kind, "size");
      }
    }
    for (Operand o : operands) {
      if (o instanceof Call call && !call.name().equals("size")) {
        throw misused(kind, call.name());
      }
    }
    // 3. Reserved words used as bare names.
    for (Operand o : operands) {
      if (o instanceof PathRef p) {
        checkReserved(p.path(), kind);
      }
    }
  }

  static void checkUpdate(List<UpdateAction> actions, ExpressionKind kind) {
    List<Operand> operands = new ArrayList<>();
    for (UpdateAction a : actions) {
      checkReserved(a.path(), kind);
      if (a.value() != null) {
        collectOperand(a.value(), operands);
      }
    }
    for (Operand o : operands) {
      if (o instanceof PathRef p) {
        checkReserved(p.path(), kind);
      }
    }
    for (Operand o : operands) {
      if (o instanceof Call call && !UPDATE_FUNCTIONS.contains(call.name())) {
        if (CONDITION_FUNCTIONS.contains(call.name()) || call.name().equals("size")) {
          throw ExpressionException.invalid(
              kind, "The function is not allowed in an update expression; function: " + call.name());
        }
        throw ExpressionException.invalid(kind, "Invalid function name; function: " + call.name());
      }
    }
  }

  /** Text from dynalite's checkReserved; the word is quoted as written, not upper-cased. */
  static void checkReserved(Path path, ExpressionKind kind) {
    for (PathElement e : path.elements()) {
      if (e instanceof Field f && !f.alias() && ReservedWords.isReserved(f.name())) {
        throw ExpressionException.invalid(
            kind, "Attribute name is a reserved keyword; reserved keyword: " + f.name());
      }
    }
  }

  /**
   * Text as asserted by two independent DynamoDB emulators' tests; not yet confirmed against
   * DynamoDB itself (see the package report).
   */
  private static void checkInSizes(Cond c, ExpressionKind kind) {
    if (c instanceof In in && in.candidates().size() > MAX_IN_OPERANDS) {
      throw ExpressionException.invalid(kind,
          "Too many operands for the operator or function; operator or function: IN, "
              + "number of operands: " + in.candidates().size());
    } else if (c instanceof And a) {
      checkInSizes(a.left(), kind);
      checkInSizes(a.right(), kind);
    } else if (c instanceof Or o) {
      checkInSizes(o.left(), kind);
      checkInSizes(o.right(), kind);
    } else if (c instanceof Not n) {
      checkInSizes(n.inner(), kind);
    }
  }

  private static ExpressionException misused(ExpressionKind kind, String name) {
    return ExpressionException.invalid(
        kind,
        "The function is not allowed to be used this way in an expression; function: " + name);
  }

  private static List<String> functionNames(List<Operand> operands, List<FunctionCond> functions) {
    List<String> names = new ArrayList<>();
    for (FunctionCond f : functions) {
      names.add(f.name());
    }
    for (Operand o : operands) {
      if (o instanceof Call call) {
        names.add(call.name());
      }
    }
    return names;
  }

  /** Every operand in the tree (including nested call arguments), in source order. */
  static void collect(Cond c, List<Operand> operands, List<FunctionCond> functions) {
    if (c instanceof And a) {
      collect(a.left(), operands, functions);
      collect(a.right(), operands, functions);
    } else if (c instanceof Or o) {
      collect(o.left(), operands, functions);
      collect(o.right(), operands, functions);
    } else if (c instanceof Not n) {
      collect(n.inner(), operands, functions);
    } else if (c instanceof Compare cmp) {
      collectOperand(cmp.left(), operands);
      collectOperand(cmp.right(), operands);
    } else if (c instanceof Between b) {
      collectOperand(b.value(), operands);
      collectOperand(b.low(), operands);
      collectOperand(b.high(), operands);
    } else if (c instanceof In in) {
      collectOperand(in.value(), operands);
      in.candidates().forEach(x -> collectOperand(x, operands));
    } else if (c instanceof FunctionCond f) {
      functions.add(f);
      f.args().forEach(x -> collectOperand(x, operands));
    }
  }

  static void collectOperand(Operand o, List<Operand> out) {
    out.add(o);
    if (o instanceof Call call) {
      call.args().forEach(x -> collectOperand(x, out));
    } else if (o instanceof Arith a) {
      collectOperand(a.left(), out);
      collectOperand(a.right(), out);
    }
  }
}
