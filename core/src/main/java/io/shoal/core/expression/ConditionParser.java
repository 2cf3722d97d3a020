package io.shoal.core.expression;

import io.shoal.core.expression.Ast.And;
import io.shoal.core.expression.Ast.Between;
import io.shoal.core.expression.Ast.Call;
import io.shoal.core.expression.Ast.Compare;
import io.shoal.core.expression.Ast.Cond;
import io.shoal.core.expression.Ast.FunctionCond;
import io.shoal.core.expression.Ast.In;
import io.shoal.core.expression.Ast.Not;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Or;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Lexer.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for condition, filter and key-condition expressions (and projections,
 * which share the path grammar). Precedence, lowest first: OR, AND, NOT, then comparisons, BETWEEN,
 * IN and functions — the order DynamoDB documents in "Comparison operator and function reference".
 */
final class ConditionParser extends ParserBase {
  private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");

  /** Conditions that came straight out of a parenthesised group, to spot "((a = :v))". */
  private final Set<Cond> parenthesised = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean redundantParens;

  private ConditionParser(String src, ExpressionKind kind) {
    super(src, kind);
  }

  /** Parses and statically checks a condition (ConditionExpression, FilterExpression, KeyCondition). */
  static Cond parseCondition(String src, ExpressionKind kind) {
    ConditionParser p = new ConditionParser(src, kind);
    Cond c;
    try {
      c = p.parseOr();
      p.expectEnd();
    } catch (SyntaxFailure f) {
      throw p.syntaxError(f.tokenIndex);
    }
    if (p.redundantParens || p.redundantOperandParens) {
      // dynalite reports this before any other semantic problem.
      throw ExpressionException.invalid(kind, "The expression has redundant parentheses;");
    }
    OperatorCount.check(c, kind);
    StaticChecks.checkCondition(c, kind);
    return c;
  }

  /** ProjectionExpression: path (',' path)*. */
  static List<Path> parseProjection(String src) {
    ConditionParser p = new ConditionParser(src, ExpressionKind.PROJECTION);
    List<Path> paths = new ArrayList<>();
    try {
      paths.add(p.parsePath());
      while (p.acceptPunct(",")) {
        paths.add(p.parsePath());
      }
      p.expectEnd();
    } catch (SyntaxFailure f) {
      throw p.syntaxError(f.tokenIndex);
    }
    for (Path path : paths) {
      StaticChecks.checkReserved(path, ExpressionKind.PROJECTION);
    }
    return List.copyOf(paths);
  }

  @Override
  boolean isClauseKeyword(Token t) {
    return t.isKeyword("AND")
        || t.isKeyword("OR")
        || t.isKeyword("NOT")
        || t.isKeyword("BETWEEN")
        || t.isKeyword("IN");
  }

  private Cond parseOr() {
    Cond left = parseAnd();
    while (atKeyword("OR")) {
      pos++;
      left = new Or(left, parseAnd());
    }
    return left;
  }

  private Cond parseAnd() {
    Cond left = parseNot();
    while (atKeyword("AND")) {
      pos++;
      left = new And(left, parseNot());
    }
    return left;
  }

  private Cond parseNot() {
    if (atKeyword("NOT")) {
      pos++;
      return new Not(parseNot());
    }
    return parsePrimary();
  }

  /**
   * "(" opens either a nested condition or a parenthesised operand ("(a) = :v"); try the
   * condition first, fall back to a comparison, and report whichever attempt got further.
   */
  private Cond parsePrimary() {
    if (!peek().is("(")) {
      return parseComparison();
    }
    int save = pos;
    // A failed attempt must not leave its redundancy findings behind.
    boolean savedRedundant = redundantParens;
    boolean savedOperandRedundant = redundantOperandParens;
    SyntaxFailure first;
    try {
      pos++;
      Cond inner = parseOr();
      expectPunct(")");
      if (startsComparison(peek())) {
        throw fail();
      }
      if (parenthesised.contains(inner)) {
        redundantParens = true;
      }
      parenthesised.add(inner);
      return inner;
    } catch (SyntaxFailure f) {
      first = f;
    }
    pos = save;
    redundantParens = savedRedundant;
    redundantOperandParens = savedOperandRedundant;
    try {
      return parseComparison();
    } catch (SyntaxFailure second) {
      throw second.tokenIndex >= first.tokenIndex ? second : first;
    }
  }

  private static boolean startsComparison(Token t) {
    return (t.type() == Lexer.Type.PUNCT && COMPARATORS.contains(t.text()))
        || t.isKeyword("BETWEEN")
        || t.isKeyword("IN");
  }

  private Cond parseComparison() {
    Operand left = parseOperand();
    Token t = peek();
    if (t.type() == Lexer.Type.PUNCT && COMPARATORS.contains(t.text())) {
      pos++;
      return new Compare(t.text(), left, parseOperand());
    }
    if (t.isKeyword("BETWEEN")) {
      pos++;
      Operand low = parseOperand();
      if (!atKeyword("AND")) {
        throw fail();
      }
      pos++;
      return new Between(left, low, parseOperand());
    }
    if (t.isKeyword("IN")) {
      pos++;
      expectPunct("(");
      List<Operand> list = new ArrayList<>();
      list.add(parseOperand());
      while (acceptPunct(",")) {
        list.add(parseOperand());
      }
      expectPunct(")");
      return new In(left, list);
    }
    if (left instanceof Call call) {
      return new FunctionCond(call.name(), call.args());
    }
    throw fail();
  }
}
