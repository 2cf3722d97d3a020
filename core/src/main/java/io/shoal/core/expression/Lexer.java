package io.shoal.core.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits expression text into tokens. Whitespace separates tokens and is dropped; positions are
 * kept so syntax errors can quote the surrounding text the way DynamoDB does.
 */
final class Lexer {

  enum Type {
    IDENT,
    NAME_REF,
    VALUE_REF,
    INTEGER,
    PUNCT,
    /** A character no token starts with; the parser reports it as the offending token. */
    INVALID,
    EOF
  }

  record Token(Type type, String text, int start, int end) {
    boolean is(String punct) {
      return type == Type.PUNCT && text.equals(punct);
    }

    /** Keywords (AND, OR, BETWEEN, SET, ...) are case-insensitive identifiers. */
    boolean isKeyword(String word) {
      return type == Type.IDENT && text.equalsIgnoreCase(word);
    }
  }

  private Lexer() {}

  static List<Token> tokenize(String src) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
        continue;
      }
      int start = i;
      if (isIdentStart(c)) {
        i = skipIdentPart(src, i + 1);
        out.add(new Token(Type.IDENT, src.substring(start, i), start, i));
      } else if (c == '#' || c == ':') {
        i = skipIdentPart(src, i + 1);
        Type type = c == '#' ? Type.NAME_REF : Type.VALUE_REF;
        out.add(new Token(type, src.substring(start, i), start, i));
      } else if (c >= '0' && c <= '9') {
        while (i < n && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
          i++;
        }
        out.add(new Token(Type.INTEGER, src.substring(start, i), start, i));
      } else if ((c == '<' || c == '>') && i + 1 < n && (src.charAt(i + 1) == '=')) {
        i += 2;
        out.add(new Token(Type.PUNCT, src.substring(start, i), start, i));
      } else if (c == '<' && i + 1 < n && src.charAt(i + 1) == '>') {
        i += 2;
        out.add(new Token(Type.PUNCT, "<>", start, i));
      } else if ("()[].,=<>+-".indexOf(c) >= 0) {
        i++;
        out.add(new Token(Type.PUNCT, String.valueOf(c), start, i));
      } else {
        i += Character.charCount(src.codePointAt(i));
        out.add(new Token(Type.INVALID, src.substring(start, i), start, i));
      }
    }
    out.add(new Token(Type.EOF, "<EOF>", n, n));
    return out;
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static int skipIdentPart(String src, int i) {
    while (i < src.length()) {
      char c = src.charAt(i);
      if (isIdentStart(c) || (c >= '0' && c <= '9')) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }
}
