package io.shoal.admin.check;

/** What an operation did. The register checker uses PUT, DELETE, GET and CAS; the set checker uses ADD. */
public enum OpKind {
  /** Unconditional write of {@link Op#value()}. */
  PUT,
  /** Unconditional delete: the register becomes absent. */
  DELETE,
  /** Strongly consistent read; {@link Op#result()} is the value read, null when the item was absent. */
  GET,
  /**
   * Conditional put: writes {@link Op#value()} only if the current value equals {@link Op#expected()} (null means
   * "attribute_not_exists"). A ConditionalCheckFailedException is recorded as {@link Outcome#FAIL}.
   */
  CAS,
  /** Adds the unique element {@link Op#value()} to the set under {@link Op#key()}. */
  ADD;

  /** Whether this kind takes part in the register model. */
  public boolean isRegisterOp() {
    return this != ADD;
  }
}
