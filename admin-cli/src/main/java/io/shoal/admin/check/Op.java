package io.shoal.admin.check;

import java.util.Objects;

/**
 * One recorded operation: who did what to which key, when, and how it ended.
 *
 * <p>Times are {@link System#nanoTime()} readings of the recording JVM (only their order matters). An operation
 * that never completed has {@code completeNanos == Long.MAX_VALUE} and outcome {@link Outcome#INFO}; for any INFO
 * operation the checkers ignore {@code completeNanos}, since the request may still land after the client gave up.
 *
 * @param id unique id within one history, in invocation order
 * @param process the client (thread) that ran it; a process runs one operation at a time
 * @param kind what it did
 * @param key the item's key (the register or set it touched)
 * @param value the value written (PUT, the new value of CAS, the element of ADD); null for GET and DELETE
 * @param expected CAS only: the value required beforehand, null meaning "absent"
 * @param invokeNanos when the client sent it
 * @param completeNanos when the client got the answer (or gave up)
 * @param outcome OK, FAIL or INFO
 * @param result GET with outcome OK only: the value read, null meaning "absent"
 */
public record Op(long id, int process, OpKind kind, String key, String value, String expected, long invokeNanos,
    long completeNanos, Outcome outcome, String result) {

  public Op {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    if (completeNanos < invokeNanos) {
      throw new IllegalArgumentException("op " + id + " completes (" + completeNanos + ") before it is invoked ("
          + invokeNanos + ")");
    }
  }

  public static Op put(long id, int process, String key, String value, long invoke, long complete, Outcome outcome) {
    return new Op(id, process, OpKind.PUT, key, value, null, invoke, complete, outcome, null);
  }

  public static Op delete(long id, int process, String key, long invoke, long complete, Outcome outcome) {
    return new Op(id, process, OpKind.DELETE, key, null, null, invoke, complete, outcome, null);
  }

  /** An acknowledged read that returned {@code result} (null = absent). */
  public static Op get(long id, int process, String key, String result, long invoke, long complete) {
    return new Op(id, process, OpKind.GET, key, null, null, invoke, complete, Outcome.OK, result);
  }

  public static Op cas(long id, int process, String key, String expected, String value, long invoke, long complete,
      Outcome outcome) {
    return new Op(id, process, OpKind.CAS, key, value, expected, invoke, complete, outcome, null);
  }

  public static Op add(long id, int process, String key, String element, long invoke, long complete,
      Outcome outcome) {
    return new Op(id, process, OpKind.ADD, key, element, null, invoke, complete, outcome, null);
  }

  /** The same operation with another outcome (and, for reads, result). */
  public Op withOutcome(Outcome newOutcome, String newResult, long newCompleteNanos) {
    return new Op(id, process, kind, key, value, expected, invokeNanos, newCompleteNanos, newOutcome, newResult);
  }

  /** A short human-readable form used in checker explanations, e.g. {@code #12 p3 GET k1 -> v7 OK [100,180]}. */
  public String describe() {
    StringBuilder b = new StringBuilder().append('#').append(id).append(" p").append(process).append(' ')
        .append(kind).append(' ').append(key);
    switch (kind) {
      case PUT, ADD -> b.append(' ').append(show(value));
      case CAS -> b.append(' ').append(show(expected)).append("->").append(show(value));
      case GET -> b.append(outcome == Outcome.OK ? " -> " + show(result) : "");
      case DELETE -> { }
    }
    b.append(' ').append(outcome).append(" [").append(invokeNanos).append(',')
        .append(outcome == Outcome.INFO || completeNanos == Long.MAX_VALUE ? "inf" : Long.toString(completeNanos))
        .append(']');
    return b.toString();
  }

  static String show(String v) {
    return v == null ? "<absent>" : v;
  }
}
