package io.shoal.admin.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Records the operations of concurrent clients. Thread-safe: every client thread calls {@code invoke...} just
 * before sending a request and then exactly one of {@link Handle#ok()}, {@link Handle#ok(String)},
 * {@link Handle#fail()} or {@link Handle#info()} when the answer (or the lack of one) is known.
 *
 * <p>Operations still pending when {@link #history()} is called come out as INFO with no completion time: a client
 * that was killed mid-request cannot know whether it landed. The clock is injected so tests need not sleep.
 */
public final class HistoryRecorder {
  private final LongSupplier clock;
  private final AtomicLong nextId = new AtomicLong();
  private final ConcurrentHashMap<Long, Op> ops = new ConcurrentHashMap<>();

  public HistoryRecorder() {
    this(System::nanoTime);
  }

  public HistoryRecorder(LongSupplier nanoClock) {
    this.clock = nanoClock;
  }

  public Handle invoke(int process, OpKind kind, String key, String value, String expected) {
    long id = nextId.getAndIncrement();
    long now = clock.getAsLong();
    Op pending = new Op(id, process, kind, key, value, expected, now, Long.MAX_VALUE, Outcome.INFO, null);
    ops.put(id, pending);
    return new Handle(pending);
  }

  public Handle put(int process, String key, String value) {
    return invoke(process, OpKind.PUT, key, value, null);
  }

  public Handle delete(int process, String key) {
    return invoke(process, OpKind.DELETE, key, null, null);
  }

  public Handle get(int process, String key) {
    return invoke(process, OpKind.GET, key, null, null);
  }

  /** @param expected the value required beforehand, null for "attribute_not_exists" */
  public Handle cas(int process, String key, String expected, String value) {
    return invoke(process, OpKind.CAS, key, value, expected);
  }

  public Handle add(int process, String key, String element) {
    return invoke(process, OpKind.ADD, key, element, null);
  }

  /** A snapshot of everything recorded so far, in invocation order. */
  public List<Op> history() {
    List<Op> all = new ArrayList<>(ops.values());
    all.sort(Comparator.comparingLong(Op::id));
    return all;
  }

  public int size() {
    return ops.size();
  }

  /** The pending operation; complete it exactly once. */
  public final class Handle {
    private final Op invoked;
    private final AtomicBoolean done = new AtomicBoolean();

    private Handle(Op invoked) {
      this.invoked = invoked;
    }

    public Op op() {
      return invoked;
    }

    /** Acknowledged write, delete, cas or add. */
    public void ok() {
      if (invoked.kind() == OpKind.GET) {
        throw new IllegalStateException("a read completes with ok(valueRead), not ok(): " + invoked.describe());
      }
      complete(Outcome.OK, null);
    }

    /** Acknowledged read that returned {@code valueRead}; null means the item (or attribute) was absent. */
    public void ok(String valueRead) {
      if (invoked.kind() != OpKind.GET) {
        throw new IllegalStateException("only a read returns a value: " + invoked.describe());
      }
      complete(Outcome.OK, valueRead);
    }

    /** Definitely did not happen (condition check failed, validation error). */
    public void fail() {
      complete(Outcome.FAIL, null);
    }

    /** Unknown: timeout, connection reset, 5xx. */
    public void info() {
      complete(Outcome.INFO, null);
    }

    private void complete(Outcome outcome, String result) {
      long now = clock.getAsLong();
      if (!done.compareAndSet(false, true)) {
        throw new IllegalStateException("completed twice: " + invoked.describe());
      }
      ops.put(invoked.id(), invoked.withOutcome(outcome, result, Math.max(now, invoked.invokeNanos())));
    }
  }
}
