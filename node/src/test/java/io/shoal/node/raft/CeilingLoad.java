package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.Task;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop proposals on a group's leader: {@code lanes} entries in flight, each lane proposing its next entry
 * as soon as the last one is applied, until the window ends. Completions inside the window count, with their
 * latency (proposal to apply on the leader).
 *
 * <p>A lane proposes its next entry on jraft's apply thread, where its closure runs: no hop to another thread, so
 * this is an upper bound of what a server on top of jraft could get through, which is the point of a ceiling.
 */
final class CeilingLoad {
  private final Node node;
  private final byte[] payload;
  private final LongSupplier nanos;
  private final long windowStart;
  private final long windowEnd;
  private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
  private final CountDownLatch lanesDone;
  private final int lanes;
  private long completed;
  private long errors;
  private String firstError;

  /**
   * @param windowStart, windowEnd the measured window on {@code nanos}' scale; proposals stop at its end and
   *     everything before its start is warm-up
   */
  CeilingLoad(Node node, int entryBytes, int lanes, LongSupplier nanos, long windowStart, long windowEnd) {
    this.node = node;
    this.payload = new byte[entryBytes];
    for (int i = 0; i < entryBytes; i++) {
      payload[i] = (byte) ('a' + i % 26);
    }
    this.lanes = lanes;
    this.nanos = nanos;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.lanesDone = new CountDownLatch(lanes);
  }

  void start() {
    for (int i = 0; i < lanes; i++) {
      propose();
    }
  }

  /** Waits until every lane has stopped (its last entry applied or failed); false if that took too long. */
  boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return lanesDone.await(timeout, unit);
  }

  private void propose() {
    long sent = nanos.getAsLong();
    if (sent >= windowEnd) {
      lanesDone.countDown();
      return;
    }
    // jraft keeps the buffer until the entry is in the log; a fresh view over the shared bytes is enough.
    node.apply(new Task(ByteBuffer.wrap(payload), status -> done(sent, status)));
  }

  private void done(long sent, Status status) {
    long now = nanos.getAsLong();
    if (!status.isOk()) {
      // A failed proposal means the leader changed or stopped: the run is not a ceiling any more. Stop the lane.
      synchronized (this) {
        errors++;
        if (firstError == null) {
          firstError = status.toString();
        }
      }
      lanesDone.countDown();
      return;
    }
    if (now >= windowStart && now < windowEnd) {
      synchronized (this) {
        completed++;
        latencies.recordValue(Math.min(now - sent, latencies.getHighestTrackableValue()));
      }
    }
    propose();
  }

  synchronized long completed() {
    return completed;
  }

  synchronized long errors() {
    return errors;
  }

  synchronized String firstError() {
    return firstError;
  }

  /** Latency at {@code percentile} (0-100) of the completions in the window, in milliseconds. */
  synchronized double latencyMs(double percentile) {
    return latencies.getValueAtPercentile(percentile) / 1e6;
  }
}
