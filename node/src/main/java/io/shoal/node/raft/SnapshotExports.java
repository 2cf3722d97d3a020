package io.shoal.node.raft;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which a node writes its data groups' snapshot files, one group at a time.
 *
 * <p>Why off the apply thread: writing a group's SSTs (tens of MB) on jraft's FSM caller stalled that group's writes
 * for seconds. Why one thread per node rather than per group: the groups' snapshot timers fire close together, and
 * exporting all of them in parallel saturated the disk under the Raft log's fsyncs; in a queue they take turns.
 *
 * <p>Every submitted export ends exactly once: it runs, or it is cancelled (its group stopped, or the node closes)
 * and reports a status that tells jraft to drop the snapshot.
 */
final class SnapshotExports implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotExports.class);
  private static final long STILL_WAITING_LOG_SECS = 10;

  /** One group's pending export. Its owner guarantees the state it reads stays readable until it ends. */
  interface Export {
    void run();

    /** The export will not run; release what it holds and report {@code why} to jraft. */
    void cancel(Status why);
  }

  /** A queued or running export; {@link #cancel} is a no-op once it started. */
  final class Pending implements Runnable {
    private final Export export;
    private final AtomicBoolean claimed = new AtomicBoolean();

    private Pending(Export export) {
      this.export = export;
    }

    @Override
    public void run() {
      if (claimed.compareAndSet(false, true)) {
        export.run();
      }
    }

    /** True when this call cancelled it; false when it already ran, is running or was cancelled before. */
    boolean cancel(Status why) {
      if (!claimed.compareAndSet(false, true)) {
        return false;
      }
      executor.remove(this);
      export.cancel(why);
      return true;
    }
  }

  private final ThreadPoolExecutor executor;

  SnapshotExports(String nodeName) {
    // The thread starts with the first export and is a daemon: a JVM exiting without close() must not wait on it.
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "shoal-snapshot-export-" + nodeName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues {@code export}; after {@link #close} it is cancelled at once instead. */
  Pending submit(Export export) {
    Pending p = new Pending(export);
    try {
      executor.execute(p);
    } catch (RejectedExecutionException e) {
      p.cancel(stopped());
    }
    return p;
  }

  /** Exports queued, not yet started. */
  int queued() {
    return executor.getQueue().size();
  }

  /**
   * Cancels the queued exports and waits for the running one. The node calls it before it closes the item store:
   * an export reads the store through a RocksDB snapshot to its end.
   */
  @Override
  public void close() {
    executor.shutdown();
    List<Runnable> queued = new ArrayList<>();
    executor.getQueue().drainTo(queued);
    for (Runnable r : queued) {
      ((Pending) r).cancel(stopped());
    }
    boolean interrupted = false;
    while (true) {
      try {
        if (executor.awaitTermination(STILL_WAITING_LOG_SECS, TimeUnit.SECONDS)) {
          break;
        }
        LOG.warn("still waiting for a snapshot export to finish before the store closes");
      } catch (InterruptedException e) {
        // Not giving up: closing the store under a running export could crash the JVM in native code.
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Status stopped() {
    // Not EIO: jraft treats a snapshot failing with EIO as a broken node and moves the replica to its error state.
    return new Status(RaftError.ESHUTDOWN, "snapshot export cancelled: shutting down");
  }
}
