package io.shoal.admin.local;

import java.util.List;

/** `up` could not bring the cluster to serving; what it started has been stopped again. */
public final class StartFailedException extends Exception {

  private final List<String> details;

  public StartFailedException(String message, List<String> details) {
    super(message);
    this.details = List.copyOf(details);
  }

  /** Lines worth showing the operator, typically the tails of the relevant logs. */
  public List<String> details() {
    return details;
  }
}
