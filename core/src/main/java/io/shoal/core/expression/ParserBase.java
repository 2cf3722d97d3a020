package io.shoal.core.expression;

import io.shoal.core.expression.Ast.Call;
import io.shoal.core.expression.Ast.Field;
import io.shoal.core.expression.Ast.Index;
import io.shoal.core.expression.Ast.Operand;
import io.shoal.core.expression.Ast.Path;
import io.shoal.core.expression.Ast.PathElement;
import io.shoal.core.expression.Ast.PathRef;
import io.shoal.core.expression.Ast.ValueRef;
import io.shoal.core.expression.Lexer.Token;
import io.shoal.core.expression.Lexer.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Token cursor, document paths, operands and DynamoDB's syntax-error text, shared by the condition
 * and update parsers.
 */
abstract class ParserBase {
  /** DynamoDB rejects expressions over 4 KB (AWS "Expression parameters" limits). */
  static final int MAX_EXPRESSION_BYTES = 4096;

  /** DynamoDB's document nesting limit, which also bounds a document path (developer guide, "Nested attribute depth"). */
  static final int MAX_PATH_DEPTH = 32;

  /** Thrown while parsing; carries the offending token index so alternatives can be compared. */
  static final class SyntaxFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int tokenIndex;

    SyntaxFailure(int tokenIndex) {
      super(null, null, false, false);
      this.tokenIndex = tokenIndex;
    }
  }

  final String src;
  final ExpressionKind kind;
  final List<Token> tokens;
  int pos;
  /** Set when "((operand))" was seen; only conditions reject it (dynalite OperandParens). */
  boolean redundantOperandParens;
  private Operand lastParenthesised;

  ParserBase(String src, ExpressionKind kind) {
    this.src = src;
    this.kind = kind;
    checkSize(src, kind);
    this.tokens = Lexer.tokenize(src);
  }

  /**
   * Empty and oversized expressions. Texts: "The expression can not be empty;" from dynalite's
   * validations and moto; the size message was captured from DynamoDB by ExtendDB's
   * expression-size tests, which note that only Condition/Filter expressions append the size.
   */
  private static void checkSize(String src, ExpressionKind kind) {
    if (src.isBlank()) {
      throw ExpressionException.invalid(kind, "The expression can not be empty;");
    }
    int bytes = src.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_EXPRESSION_BYTES) {
      String detail = "Expression size has exceeded the maximum allowed size;";
      if (kind == ExpressionKind.CONDITION || kind == ExpressionKind.FILTER) {
        detail += " expression size: " + bytes;
      }
      throw ExpressionException.invalid(kind, detail);
    }
  }

  Token peek() {
    return tokens.get(pos);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = tokens.get(pos);
    if (t.type() != Type.EOF) {
      pos++;
    }
    return t;
  }

  boolean acceptPunct(String p) {
    if (peek().is(p)) {
      pos++;
      return true;
    }
    return false;
  }

  void expectPunct(String p) {
    if (!acceptPunct(p)) {
      throw fail();
    }
  }

  boolean atKeyword(String word) {
    return peek().isKeyword(word);
  }

  SyntaxFailure fail() {
    return new SyntaxFailure(pos);
  }

  void expectEnd() {
    if (peek().type() != Type.EOF) {
      throw fail();
    }
  }

  /**
   * DynamoDB's syntax error: {@code Syntax error; token: "<t>", near: "<context>"}. The context runs
   * from the start of the token before the offending one to the end of the token after it, with
   * the original spacing; at the edges it extends to the start or end of the text. Rule taken from
   * moto's ExpressionParser.raise_unexpected_token (whose tests were recorded against DynamoDB),
   * and matches DynamoDB samples such as token "1" near "VALUE 1" and token "&lt;EOF&gt;" near "foo".
   */
  ExpressionException syntaxError(int index) {
    Token t = tokens.get(index);
    int start = index > 0 ? tokens.get(index - 1).start() : 0;
    int end;
    if (t.type() == Type.EOF || tokens.get(index + 1).type() == Type.EOF) {
      end = src.length();
    } else {
      end = tokens.get(index + 1).end();
    }
    return ExpressionException.invalid(
        kind,
        "Syntax error; token: \"" + t.text() + "\", near: \"" + src.substring(start, end) + "\"");
  }

  /** path := (IDENT | #name) ( '.' (IDENT | #name) | '[' INTEGER ']' )* */
  Path parsePath() {
    List<PathElement> elements = new ArrayList<>();
    elements.add(parsePathName());
    while (true) {
      if (acceptPunct(".")) {
        elements.add(parsePathName());
      } else if (peek().is("[")) {
        pos++;
        Token t = peek();
        if (t.type() != Type.INTEGER) {
          throw fail();
        }
        pos++;
        elements.add(new Index(parseIndex(t.text())));
        expectPunct("]");
      } else {
        if (elements.size() > MAX_PATH_DEPTH) {
          // Measured against DynamoDB by ScyllaDB's Alternator (test_limits.py, test_limit_path_depth): 32 levels
          // including the top-level attribute pass, 33 fail with this text.
          throw ExpressionException.invalid(kind,
              "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new Path(elements);
      }
    }
  }

  private Field parsePathName() {
    Token t = peek();
    if (t.type() == Type.IDENT && !isClauseKeyword(t)) {
      pos++;
      return new Field(t.text(), false);
    }
    if (t.type() == Type.NAME_REF && t.text().length() > 1) {
      pos++;
      return new Field(t.text(), true);
    }
    throw fail();
  }

  /** Words that end a path in this grammar (AND/OR/..., or SET/REMOVE/... in updates). */
  abstract boolean isClauseKeyword(Token t);

  private int parseIndex(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw ExpressionException.invalid(kind, "List index is not within the allowable range; index: " + digits);
    }
  }

  /** operand := IDENT '(' args ')' | :value | path | '(' operand ')' */
  Operand parseOperand() {
    Token t = peek();
    if (t.type() == Type.IDENT && !isClauseKeyword(t) && peek(1).is("(")) {
      pos += 2;
      List<Operand> args = new ArrayList<>();
      args.add(parseOperand());
      while (acceptPunct(",")) {
        args.add(parseOperand());
      }
      expectPunct(")");
      return new Call(t.text(), args);
    }
    if (t.type() == Type.VALUE_REF && t.text().length() > 1) {
      pos++;
      return new ValueRef(t.text());
    }
    if (t.is("(")) {
      pos++;
      Operand inner = parseOperand();
      expectPunct(")");
      if (inner == lastParenthesised) {
        redundantOperandParens = true;
      }
      lastParenthesised = inner;
      return inner;
    }
    return new PathRef(parsePath());
  }
}
