package io.shoal.admin.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What the controller tells the connections (stop; measuring started) and how it learns they have all finished. */
final class Control {
  private final long opsLimit;
  private final AtomicLong issuedMeasured = new AtomicLong();
  private final CountDownLatch finished;
  private volatile boolean measuring;
  private volatile boolean stopping;

  Control(long opsLimit, int connections) {
    this.opsLimit = opsLimit;
    this.finished = new CountDownLatch(connections);
  }

  /** Whether a connection may send one more request; with an ops limit, each measured send takes a ticket. */
  boolean mayIssue() {
    if (stopping) {
      return false;
    }
    return opsLimit <= 0 || !measuring || issuedMeasured.incrementAndGet() <= opsLimit;
  }

  boolean stopping() {
    return stopping;
  }

  void startMeasuring() {
    measuring = true;
  }

  void stop() {
    stopping = true;
  }

  void connectionFinished() {
    finished.countDown();
  }

  boolean allFinished() {
    return finished.getCount() == 0;
  }

  /** Waits up to {@code nanos} for every connection to finish; true if they have. */
  boolean awaitFinished(long nanos) throws InterruptedException {
    return finished.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }
}
