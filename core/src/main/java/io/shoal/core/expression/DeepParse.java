package io.shoal.core.expression;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the recursive-descent parsers on a thread with a large stack when an expression nests parentheses deeply.
 *
 * <p>A 4 KB expression can nest 2,000 parentheses, which DynamoDB answers with a proper error ("The expression has
 * redundant parentheses;", a syntax error, or too many operators, depending on the text). To give the same answer
 * Shoal must parse the whole text in DynamoDB's order, and its parsers need a few frames per level: enough to
 * overflow a request thread's stack. Such texts are rare and bounded by the 4 KB limit, so instead of a second,
 * iterative parser they get a short-lived thread whose stack fits the deepest possible nesting.
 */
final class DeepParse {
  /** Nesting up to this depth parses on the caller's thread. */
  static final int SHALLOW_DEPTH = 64;
  private static final long DEEP_STACK_BYTES = 256L << 20;

  private DeepParse() {}

  static <T> T run(String text, Supplier<T> parser) {
    if (maxParenDepth(text) <= SHALLOW_DEPTH) {
      return parser.get();
    }
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        result.set(parser.get());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "shoal-deep-expression", DEEP_STACK_BYTES);
    t.setDaemon(true);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parsing an expression", e);
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return result.get();
  }

  /** Deepest '(' nesting of the text; names and values are placeholders, so every '(' is syntax. */
  static int maxParenDepth(String text) {
    int depth = 0;
    int max = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        max = Math.max(max, ++depth);
      } else if (c == ')' && depth > 0) {
        depth--;
      }
    }
    return max;
  }
}
