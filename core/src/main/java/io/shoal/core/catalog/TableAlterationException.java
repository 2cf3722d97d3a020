package io.shoal.core.catalog;

/** A table change DynamoDB refuses with a ValidationException; the message is DynamoDB's text. */
public final class TableAlterationException extends RuntimeException {
  public TableAlterationException(String message) {
    super(message, null, false, false);
  }
}
