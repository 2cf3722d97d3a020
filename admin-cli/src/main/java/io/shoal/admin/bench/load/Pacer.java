package io.shoal.admin.bench.load;

/**
 * The send schedule of a fixed-rate run: request k (counted over all connections) is due at
 * {@code start + k / rate}. A connection that is free takes the next due time and waits for it; one that is busy
 * past its turn sends at once when it is free, late.
 *
 * <p>Latency is measured from the due time, not from the actual send. A server that stalls for a second then
 * delays every request due in that second, not just the few the connections had outstanding; measuring from the
 * send would hide them ("coordinated omission"). So a run whose connections cannot keep up with the rate shows it
 * as growing latency, and as fewer ops per second than asked.
 *
 * <p>The measured window starts a new schedule ({@link #restart}): a backlog from the warm-up (a cold client or
 * server JVM falls behind in its first seconds) would otherwise be sent flat out at the start of the window and
 * measured as queueing there. Requests due before the window opened belong to the warm-up even when they are
 * answered inside it ({@link #dueBeforeWindow}): one stuck behind a warm-up stall would otherwise be counted with
 * the whole stall as its latency.
 */
final class Pacer {
  private final double intervalNanos;
  private long startNanos;
  private long next;
  private volatile long windowStart = Long.MIN_VALUE;

  /** @param ratePerSecond positive and finite, as {@link LoadPlan} checks */
  Pacer(long startNanos, double ratePerSecond) {
    this.startNanos = startNanos;
    this.intervalNanos = 1e9 / ratePerSecond;
  }

  /** The due time (System.nanoTime scale) of the next request. */
  synchronized long nextDue() {
    return startNanos + (long) (next++ * intervalNanos);
  }

  /** Drops whatever is due and not yet taken: the schedule starts again at {@code startNanos}. */
  synchronized void restart(long startNanos) {
    this.startNanos = startNanos;
    this.next = 0;
    this.windowStart = startNanos;
  }

  /** Whether a request due at {@code due} was due before the last {@link #restart}, i.e. in the warm-up. */
  boolean dueBeforeWindow(long due) {
    return due < windowStart;
  }
}
