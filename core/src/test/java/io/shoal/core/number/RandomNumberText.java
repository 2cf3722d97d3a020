package io.shoal.core.number;

import java.util.Random;

/** Random number-like text for the tests that hold a fast path against the exact BigDecimal rules. */
public final class RandomNumberText {
  private RandomNumberText() {}

  /** Mostly short strings (1-8 characters), one in ten up to 45, drawn from {@code alphabet}. */
  public static String next(Random random, String alphabet) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 45 : 8);
    for (int k = 0; k < length; k++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
