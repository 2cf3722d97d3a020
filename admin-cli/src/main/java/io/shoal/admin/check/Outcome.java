package io.shoal.admin.check;

/** How an operation ended, from the client's point of view. */
public enum Outcome {
  /** Acknowledged: it happened (and, for a read, returned the recorded value). */
  OK,
  /**
   * Definitely did not happen: a {@code ConditionalCheckFailedException}, a validation error, any 4xx that the
   * server returns before doing anything. The checkers drop these.
   */
  FAIL,
  /**
   * Unknown: a timeout, a connection reset, a 5xx, a client that never heard back. The operation may have taken
   * effect at any time after its invocation (even after the client gave up), or never.
   */
  INFO
}
