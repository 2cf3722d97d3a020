package io.shoal.admin.bench.load;

/**
 * How one request ended. {@code items} is what a Query returned ({@code Count}), {@code unprocessed} the items a
 * BatchWriteItem left in {@code UnprocessedItems}; {@code error} names an error (its {@code __type} and status, or the
 * connection failure) and {@code message} is the server's text, kept as a sample for the report.
 */
public record Outcome(Kind kind, int items, int unprocessed, String error, String message) {
  public enum Kind {
    OK,
    /** A 400 whose {@code __type} ends in ConditionalCheckFailedException: the server did its job; not an error. */
    CONDITION_FAILED,
    ERROR
  }

  static final Outcome OK = new Outcome(Kind.OK, 0, 0, null, null);
  static final Outcome CONDITION_FAILED = new Outcome(Kind.CONDITION_FAILED, 0, 0, null, null);

  public static Outcome ok(int items, int unprocessed) {
    return items == 0 && unprocessed == 0 ? OK : new Outcome(Kind.OK, items, unprocessed, null, null);
  }

  public static Outcome error(String error, String message) {
    return new Outcome(Kind.ERROR, 0, 0, error, message);
  }

  public boolean isError() {
    return kind == Kind.ERROR;
  }
}
