package io.shoal.admin.check;

/** A checker's answer. UNKNOWN is never a pass: the search ran out of budget before it could decide. */
public enum Verdict {
  LINEARIZABLE,
  NOT_LINEARIZABLE,
  UNKNOWN
}
