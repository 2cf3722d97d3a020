package io.shoal.core.expression;

import io.shoal.core.expression.Ast.Arith;
import io.shoal.core.expression.Ast.Clause;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.UpdateAction;
import io.shoal.core.expression.Ast.ValueRef;
import io.shoal.core.expression.Lexer.Token;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for UpdateExpression:
 *
 * <pre>
 * update  := clause+            (each of SET, REMOVE, ADD, DELETE at most once, any order)
 * SET     := path '=' value (',' path '=' value)*
 * value   := operand | operand '+' operand | operand '-' operand
 * REMOVE  := path (',' path)*
 * ADD     := path :value (',' path :value)*      DELETE likewise
 * </pre>
 */
final class UpdateParser extends ParserBase {

  private UpdateParser(String src) {
    super(src, ExpressionKind.UPDATE);
  }

  static List<UpdateAction> parse(String src) {
    UpdateParser p = new UpdateParser(src);
    List<UpdateAction> actions = new ArrayList<>();
    List<Clause> repeated = new ArrayList<>();
    try {
      Set<Clause> seen = EnumSet.noneOf(Clause.class);
      do {
        Clause clause = p.parseClauseKeyword();
        if (!seen.add(clause)) {
          repeated.add(clause);
        }
        p.parseClause(clause, actions);
      } while (p.peek().type() != Lexer.Type.EOF);
    } catch (SyntaxFailure f) {
      throw p.syntaxError(f.tokenIndex);
    }
    OperatorCount.check(actions);
    StaticChecks.checkUpdate(actions, ExpressionKind.UPDATE);
    if (!repeated.isEmpty()) {
      // Text from dynalite's checkSection; moto asserts the same wording.
      throw ExpressionException.invalid(
          ExpressionKind.UPDATE,
          "The \"" + repeated.get(0) + "\" section can only be used once in an update expression;");
    }
    return List.copyOf(actions);
  }

  /** Clause words end a path; "SET set = :v" fails in DynamoDB too, as SET is reserved. */
  @Override
  boolean isClauseKeyword(Token t) {
    return t.type() == Lexer.Type.IDENT && clauseOf(t) != null;
  }

  private static Clause clauseOf(Token t) {
    try {
      return Clause.valueOf(t.text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Clause parseClauseKeyword() {
    Token t = peek();
    Clause c = t.type() == Lexer.Type.IDENT ? clauseOf(t) : null;
    if (c == null) {
      throw fail();
    }
    pos++;
    return c;
  }

  private void parseClause(Clause clause, List<UpdateAction> out) {
    do {
      Path path = parsePath();
      Operand value = null;
      switch (clause) {
        case SET -> {
          expectPunct("=");
          value = parseSetValue();
        }
        case ADD, DELETE -> {
          Token t = peek();
          if (t.type() != Lexer.Type.VALUE_REF || t.text().length() < 2) {
            throw fail();
          }
          pos++;
          value = new ValueRef(t.text());
        }
        case REMOVE -> {}
      }
      out.add(new UpdateAction(clause, path, value));
    } while (acceptPunct(","));
  }

  private Operand parseSetValue() {
    Operand left = parseOperand();
    if (acceptPunct("+")) {
      return new Arith(true, left, parseOperand());
    }
    if (acceptPunct("-")) {
      return new Arith(false, left, parseOperand());
    }
    return left;
  }
}
