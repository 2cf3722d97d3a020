package io.shoal.core.hlc;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A thread-safe hybrid logical clock. A timestamp is {@code physicalMillis << 16 | logical}.
 *
 * <p>{@link #now()} returns the wall clock (logical 0) when it is ahead of everything issued or
 * observed, and otherwise the last value plus one, so it is strictly monotonic even when the wall
 * clock steps backward. If the 16-bit counter is exhausted within one millisecond, the increment
 * carries into the physical part: the clock runs slightly ahead of real time rather than blocking or
 * repeating a value.
 *
 * <p>{@link #observe} accepts any remote value; bounding how far ahead of local time a peer may push
 * this clock is the caller's job.
 */
public final class HybridClock {

  public static final int LOGICAL_BITS = 16;
  private static final long LOGICAL_MASK = (1L << LOGICAL_BITS) - 1;

  private final LongSupplier millis;
  private final AtomicLong last = new AtomicLong();

  /** @param millis wall-clock milliseconds since the epoch */
  public HybridClock(LongSupplier millis) {
    this.millis = millis;
  }

  public HybridClock(InstantSource source) {
    this(source::millis);
  }

  /** A clock on the system wall clock. */
  public static HybridClock system() {
    return new HybridClock(InstantSource.system());
  }

  /** A timestamp strictly greater than every one returned or observed before. */
  public long now() {
    long wall = millis.getAsLong() << LOGICAL_BITS;
    while (true) {
      long prev = last.get();
      long next = Math.max(wall, prev + 1);
      if (last.compareAndSet(prev, next)) {
        return next;
      }
    }
  }

  /** Moves the clock to at least {@code remoteHlc}, so the next {@link #now()} exceeds it. */
  public void observe(long remoteHlc) {
    last.accumulateAndGet(remoteHlc, Math::max);
  }

  /** The largest timestamp returned or observed so far, without advancing. */
  public long last() {
    return last.get();
  }

  public static long physicalMillis(long hlc) {
    return hlc >>> LOGICAL_BITS;
  }

  public static int logical(long hlc) {
    return (int) (hlc & LOGICAL_MASK);
  }

  /** The timestamp for a physical time and logical counter. */
  public static long of(long physicalMillis, int logical) {
    if (logical < 0 || logical > LOGICAL_MASK) {
      throw new IllegalArgumentException("logical counter out of range: " + logical);
    }
    return (physicalMillis << LOGICAL_BITS) | logical;
  }
}
