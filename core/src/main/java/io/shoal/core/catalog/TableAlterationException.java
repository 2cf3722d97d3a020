package io.shoal.core.catalog;

/**
 * A table change DynamoDB refuses: a ValidationException, or a ResourceNotFoundException when {@link #notFound()};
 * the message is DynamoDB's text.
 */
public final class TableAlterationException extends RuntimeException {
  private final boolean notFound;

  public TableAlterationException(String message) {
    this(message, false);
  }

  public TableAlterationException(String message, boolean notFound) {
    super(message, null, false, false);
    this.notFound = notFound;
  }

  public boolean notFound() {
    return notFound;
  }
}
