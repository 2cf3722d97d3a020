package io.shoal.node.raft;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One Raft ReadIndex at a time per replica, shared by every linearizable read that arrives while it is in flight.
 *
 * <p>Why: each ReadIndex costs a heartbeat round to the followers (two RPCs out and two back), and jraft batches only
 * the requests already queued when its thread wakes, which under a closed-loop load is usually one. Here a read that
 * arrives while a ReadIndex is in flight waits for the next one, issued as soon as the current one returns, and
 * every read waiting then shares it.
 *
 * <p>Safety: a read is only released by a ReadIndex issued after it arrived (never by the one already in flight,
 * which may predate writes the reader saw acknowledged), so each read still observes every write committed
 * before it was received.
 */
final class ReadBarriers {
  private final Supplier<CompletableFuture<Void>> readIndex;
  /** Reads that arrived while a ReadIndex was in flight; the next ReadIndex releases them. Guarded by this. */
  private CompletableFuture<Void> waiting;
  private boolean inFlight;

  ReadBarriers(Supplier<CompletableFuture<Void>> readIndex) {
    this.readIndex = readIndex;
  }

  /** Completes once a ReadIndex issued after this call has returned (exceptionally if that ReadIndex failed). */
  CompletableFuture<Void> next() {
    CompletableFuture<Void> start;
    synchronized (this) {
      if (inFlight) {
        if (waiting == null) {
          waiting = new CompletableFuture<>();
        }
        return waiting;
      }
      inFlight = true;
      start = new CompletableFuture<>();
    }
    issue(start);
    return start;
  }

  private void issue(CompletableFuture<Void> batch) {
    CompletableFuture<Void> round;
    try {
      round = readIndex.get();
    } catch (RuntimeException e) {
      round = CompletableFuture.failedFuture(e);
    }
    round.whenComplete((v, t) -> {
      CompletableFuture<Void> next;
      synchronized (this) {
        next = waiting;
        waiting = null;
        inFlight = next != null;
      }
      // The next round starts before this batch's reads are served, so its heartbeats overlap their work.
      if (next != null) {
        issue(next);
      }
      if (t != null) {
        batch.completeExceptionally(t);
      } else {
        batch.complete(null);
      }
    });
  }
}
