package io.shoal.core.number;

/**
 * A number text DynamoDB would reject. {@link #getMessage()} is exactly the text DynamoDB puts in the
 * ValidationException, so the API layer can pass it through unchanged.
 */
public final class InvalidNumberException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Which rule the text broke; callers may branch on it instead of on message text. */
  public enum Kind {
    MALFORMED,
    TOO_MANY_DIGITS,
    OVERFLOW,
    UNDERFLOW
  }

  // Sources: dynalite (mhart/dynalite) returns exactly these strings from checkNum() in its
  // validations, and its validation tests, written against live DynamoDB, expect them verbatim.
  // ScyllaDB's test/alternator/test_number.py, also run against DynamoDB, matches "overflow",
  // "underflow", "significant" and "numeric" in them.
  static final String MALFORMED_PREFIX = "The parameter cannot be converted to a numeric value";
  static final String TOO_MANY_DIGITS =
      "Attempting to store more than 38 significant digits in a Number";
  static final String OVERFLOW =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";
  static final String UNDERFLOW =
      "Number underflow. Attempting to store a number with magnitude smaller than supported range";

  private final Kind kind;

  private InvalidNumberException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static InvalidNumberException malformed(String text) {
    // DynamoDB (per dynalite's tests) omits the ": <text>" suffix when the string is empty.
    String message =
        text == null || text.isEmpty() ? MALFORMED_PREFIX : MALFORMED_PREFIX + ": " + text;
    return new InvalidNumberException(Kind.MALFORMED, message);
  }

  static InvalidNumberException tooManyDigits() {
    return new InvalidNumberException(Kind.TOO_MANY_DIGITS, TOO_MANY_DIGITS);
  }

  static InvalidNumberException overflow() {
    return new InvalidNumberException(Kind.OVERFLOW, OVERFLOW);
  }

  static InvalidNumberException underflow() {
    return new InvalidNumberException(Kind.UNDERFLOW, UNDERFLOW);
  }
}
