package io.shoal.core.number;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * DynamoDB Number rules in one place, so the router (validation, responses), the expression evaluator
 * and the storage key encoding cannot disagree about what a number is.
 *
 * <p>Values returned by {@link #parse} and {@link #decodeOrdered} carry no trailing zeros, so
 * {@code equals} agrees with {@code compareTo} for them ("1.0" and "1" give equal objects).
 */
public final class DynamoNumber {

  /** Largest number of significant decimal digits DynamoDB stores. */
  public static final int MAX_DIGITS = 38;
  /** Exponent of the most significant digit: 1E-130 is the smallest magnitude allowed. */
  public static final int MIN_EXPONENT = -130;
  /** Exponent of the most significant digit: 9.99..(38 digits)E+125 is the largest magnitude. */
  public static final int MAX_EXPONENT = 125;

  // Tags leave 0x00 and 0xFF free, so callers can build sentinel bounds below/above every number.
  private static final int TAG_NEGATIVE = 0x01;
  private static final int TAG_ZERO = 0x02;
  private static final int TAG_POSITIVE = 0x03;

  // Exponents never matter beyond this: digit strings are shorter than Integer.MAX_VALUE, so a
  // clamped exponent still lands on the same side of the limits while long arithmetic cannot wrap.
  private static final long EXPONENT_CLAMP = 1_000_000_000_000L;

  private DynamoNumber() {}

  /** A decoded number and how many bytes of the buffer its encoding used. */
  public record Decoded(BigDecimal value, int length) {}

  /**
   * Parses number text as sent in {@code {"N": "..."}} and applies DynamoDB's limits.
   *
   * <p>Grammar: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, ASCII digits
   * only. No surrounding spaces, NaN or Infinity: ScyllaDB's test/alternator/test_number.py
   * (test_invalid_numbers, run against DynamoDB) shows DynamoDB rejects " 1", "1 ", "NaN",
   * "Infinity" and accepts "+3", ".123", "0001.23", "1e+5", "0e1000". Zero is accepted whatever its
   * exponent. Trailing zeros are not significant ("1.000...0" with 50 zeros is one digit), as in
   * dynalite, which counts digits after normalising.
   *
   * <p>When several limits are broken, magnitude is reported before digit count, in dynalite's
   * order.
   *
   * @throws InvalidNumberException with DynamoDB's ValidationException message
   */
  public static BigDecimal parse(String text) {
    if (text == null || text.isEmpty()) {
      throw InvalidNumberException.malformed(text);
    }
    int len = text.length();
    int i = 0;
    boolean negative = false;
    char first = text.charAt(0);
    if (first == '+' || first == '-') {
      negative = first == '-';
      i++;
    }
    int intStart = i;
    i = skipDigits(text, i);
    int intEnd = i;
    int fracStart = i;
    int fracEnd = i;
    if (i < len && text.charAt(i) == '.') {
      fracStart = ++i;
      i = skipDigits(text, i);
      fracEnd = i;
    }
    if (intEnd == intStart && fracEnd == fracStart) {
      throw InvalidNumberException.malformed(text);
    }
    long exponent = 0;
    if (i < len && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < len && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        expNegative = text.charAt(i) == '-';
        i++;
      }
      int expStart = i;
      i = skipDigits(text, i);
      if (i == expStart) {
        throw InvalidNumberException.malformed(text);
      }
      for (int j = expStart; j < i; j++) {
        exponent = Math.min(EXPONENT_CLAMP, exponent * 10 + (text.charAt(j) - '0'));
      }
      if (expNegative) {
        exponent = -exponent;
      }
    }
    if (i != len) {
      throw InvalidNumberException.malformed(text);
    }
    String digits = text.substring(intStart, intEnd) + text.substring(fracStart, fracEnd);
    int firstNonZero = 0;
    while (firstNonZero < digits.length() && digits.charAt(firstNonZero) == '0') {
      firstNonZero++;
    }
    if (firstNonZero == digits.length()) {
      return BigDecimal.ZERO;
    }
    int lastNonZero = digits.length() - 1;
    while (digits.charAt(lastNonZero) == '0') {
      lastNonZero--;
    }
    int significant = lastNonZero - firstNonZero + 1;
    int trailingZeros = digits.length() - 1 - lastNonZero;
    // value = significantDigits * 10^power
    long power = exponent - (fracEnd - fracStart) + trailingZeros;
    long adjusted = power + significant - 1;
    checkLimits(adjusted, significant);
    BigInteger unscaled = new BigInteger(digits.substring(firstNonZero, lastNonZero + 1));
    return new BigDecimal(negative ? unscaled.negate() : unscaled, Math.toIntExact(-power));
  }

  /**
   * Applies DynamoDB's limits to a computed value (for example the result of {@code SET a = a + :x})
   * and returns it without trailing zeros.
   *
   * <p>Note: for arithmetic results DynamoDB is reported to answer precision loss (1e50 - 1) with the
   * overflow message (comment in ScyllaDB's test_update_expression_plus_imprecise); this method
   * reports the digit-count message instead, and the evaluator may choose otherwise.
   */
  public static BigDecimal validate(BigDecimal value) {
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    long adjusted = (long) stripped.precision() - 1 - stripped.scale();
    checkLimits(adjusted, stripped.precision());
    return stripped;
  }

  /**
   * The text DynamoDB returns for a stored number: plain decimal notation, never an exponent, no
   * leading or trailing zeros, no plus sign, "0" for any zero. Verified against the
   * input/output table in ScyllaDB's test_number.py (_NORMALIZATION_CASES, checked against DynamoDB,
   * including 1e125 returned as "1" and 125 zeros) and boto/boto3#2500 (1e100 comes back as plain
   * digits).
   */
  public static String canonical(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    return value.stripTrailingZeros().toPlainString();
  }

  /**
   * {@code canonical(parse(text))}: what DynamoDB would return for the given input text, with the same exceptions.
   * Text that is canonical already ({@link #isCanonical}) comes back as it is, without the BigDecimal round trip.
   */
  public static String normalize(String text) {
    return isCanonical(text) ? text : canonical(parse(text));
  }

  /**
   * How many significant digits {@code parse(text)} has (trailing zeros not counted; 0 for zero), with the same
   * exceptions. Canonical text ({@link #isCanonical}) is counted in place: DynamoDB's item size counts the digits of
   * every N value, and the BigDecimal round trip (about 550 bytes per number) was most of what {@code ItemSize.of}
   * allocated (docs/performance.md).
   */
  public static int significantDigits(String text) {
    if (!isCanonical(text)) {
      BigDecimal n = parse(text);
      return n.signum() == 0 ? 0 : n.stripTrailingZeros().precision();
    }
    int first = -1;
    int last = -1;
    int position = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (c != '0') {
          if (first < 0) {
            first = position;
          }
          last = position;
        }
        position++;
      }
    }
    return first < 0 ? 0 : last - first + 1;
  }

  /**
   * Whether {@code text} is what {@link #canonical} writes for it and within every limit, so that
   * {@code canonical(parse(text))} equals it: {@code -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?}, not "-0", at most
   * {@value #MAX_DIGITS} digits in all (then the value lies between 1e-38 and 1e38, far inside DynamoDB's range).
   * Most numbers clients send ("42", "-3.5", "1700000000000") are; JMH showed the round trip as about a third of
   * the allocation of reading a PutItem's item (docs/performance.md).
   */
  static boolean isCanonical(String text) {
    if (text == null) {
      return false;
    }
    int len = text.length();
    int i = len > 0 && text.charAt(0) == '-' ? 1 : 0;
    if (i == len) {
      return false;
    }
    int digits;
    char first = text.charAt(i);
    if (first == '0') {
      i++;
      digits = 1;
      if (i == len) {
        return len == 1; // "0"; "-0" is written "0"
      }
    } else if (first >= '1' && first <= '9') {
      int start = i;
      i = skipDigits(text, i);
      digits = i - start;
      if (i == len) {
        return digits <= MAX_DIGITS;
      }
    } else {
      return false;
    }
    if (text.charAt(i) != '.') {
      return false; // "01", "1e3", "1x"
    }
    int fracStart = ++i;
    i = skipDigits(text, i);
    digits += i - fracStart;
    return i == len && i > fracStart && text.charAt(len - 1) != '0' && digits <= MAX_DIGITS;
  }

  /**
   * Order-preserving, self-delimiting encoding: unsigned byte comparison of two encodings has the
   * sign of {@code a.compareTo(b)}, numerically equal values encode identically, and no encoding is a
   * proper prefix of another, so it can sit anywhere inside a composite key.
   *
   * <p>Layout: tag (negative 0x01, zero 0x02, positive 0x03); for non-zero values one exponent byte
   * ({@code adjustedExponent + 130}, fits 0..255 exactly), one byte per significant digit
   * ({@code digit + 1}, so never 0x00) and a 0x00 terminator. Negative values store every byte after
   * the tag complemented, which reverses their order (larger magnitude sorts first) and turns the
   * terminator into 0xFF. Stripping trailing zeros makes the last digit non-zero, so a shorter digit
   * string sorting before its extensions is also numerically right. Zero is the tag alone.
   *
   * <p>Changing this layout changes the on-disk key order.
   *
   * @throws IllegalArgumentException if the magnitude is outside DynamoDB's range (digit count is
   *     not limited here)
   */
  public static byte[] encodeOrdered(BigDecimal value) {
    int signum = value.signum();
    if (signum == 0) {
      return new byte[] {(byte) TAG_ZERO};
    }
    BigDecimal stripped = value.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    long adjusted = (long) digits.length() - 1 - stripped.scale();
    if (adjusted < MIN_EXPONENT || adjusted > MAX_EXPONENT) {
      throw new IllegalArgumentException("number outside DynamoDB's range: " + value);
    }
    int flip = signum < 0 ? 0xFF : 0x00;
    byte[] out = new byte[digits.length() + 3];
    out[0] = (byte) (signum < 0 ? TAG_NEGATIVE : TAG_POSITIVE);
    out[1] = (byte) (((int) adjusted - MIN_EXPONENT) ^ flip);
    for (int j = 0; j < digits.length(); j++) {
      out[2 + j] = (byte) ((digits.charAt(j) - '0' + 1) ^ flip);
    }
    out[out.length - 1] = (byte) flip;
    return out;
  }

  /**
   * Decodes one number written by {@link #encodeOrdered} starting at {@code offset}.
   *
   * @throws IllegalArgumentException if the bytes are not a valid encoding
   */
  public static Decoded decodeOrdered(byte[] buf, int offset) {
    if (offset < 0 || offset >= buf.length) {
      throw new IllegalArgumentException("no encoded number at offset " + offset);
    }
    int tag = buf[offset] & 0xFF;
    if (tag == TAG_ZERO) {
      return new Decoded(BigDecimal.ZERO, 1);
    }
    if (tag != TAG_NEGATIVE && tag != TAG_POSITIVE) {
      throw new IllegalArgumentException("bad number tag 0x" + Integer.toHexString(tag));
    }
    int flip = tag == TAG_NEGATIVE ? 0xFF : 0x00;
    if (offset + 1 >= buf.length) {
      throw new IllegalArgumentException("truncated number encoding");
    }
    int adjusted = ((buf[offset + 1] & 0xFF) ^ flip) + MIN_EXPONENT;
    StringBuilder digits = new StringBuilder();
    int pos = offset + 2;
    while (true) {
      if (pos >= buf.length) {
        throw new IllegalArgumentException("unterminated number encoding");
      }
      int b = (buf[pos] & 0xFF) ^ flip;
      pos++;
      if (b == 0) {
        break;
      }
      if (b > 10) {
        throw new IllegalArgumentException("bad digit byte in number encoding");
      }
      digits.append((char) ('0' + b - 1));
    }
    if (digits.length() == 0) {
      throw new IllegalArgumentException("number encoding without digits");
    }
    BigInteger unscaled = new BigInteger(digits.toString());
    BigDecimal value = new BigDecimal(
        flip == 0 ? unscaled : unscaled.negate(), digits.length() - 1 - adjusted);
    return new Decoded(value, pos - offset);
  }

  private static void checkLimits(long adjustedExponent, int significantDigits) {
    if (adjustedExponent > MAX_EXPONENT) {
      throw InvalidNumberException.overflow();
    }
    if (adjustedExponent < MIN_EXPONENT) {
      throw InvalidNumberException.underflow();
    }
    if (significantDigits > MAX_DIGITS) {
      throw InvalidNumberException.tooManyDigits();
    }
  }

  private static int skipDigits(String text, int i) {
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
