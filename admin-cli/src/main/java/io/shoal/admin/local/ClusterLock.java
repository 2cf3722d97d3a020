package io.shoal.admin.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises changes to one data directory's processes and cluster.json: across processes with a
 * file lock on {@code <dataDir>/cluster.lock}, across threads with a reentrant lock (a JVM may not
 * take the same file lock twice). One instance per directory per JVM.
 */
final class ClusterLock {

  private static final ConcurrentHashMap<Path, ClusterLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final ReentrantLock local = new ReentrantLock();
  private FileChannel channel;
  private FileLock fileLock;

  private ClusterLock(Path file) {
    this.file = file;
  }

  static ClusterLock forDataDir(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("cluster.lock");
    return LOCKS.computeIfAbsent(file, ClusterLock::new);
  }

  /** A held lock; closing releases one hold. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  Held acquire(Duration wait) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      throw busy();
    }
    try {
      if (local.getHoldCount() == 1) {
        Files.createDirectories(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        while ((fileLock = channel.tryLock()) == null) {
          if (System.nanoTime() - deadline >= 0) {
            channel.close();
            throw busy();
          }
          Thread.sleep(100);
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      local.unlock();
      throw e;
    }
    return this::release;
  }

  private void release() {
    try {
      if (local.getHoldCount() == 1) {
        fileLock.release();
        channel.close();
        fileLock = null;
        channel = null;
      }
    } catch (IOException ignored) {
      // closing the channel releases the lock anyway
    } finally {
      local.unlock();
    }
  }

  private IOException busy() {
    return new IOException("another shoal command is changing this cluster (" + file
        + " is locked); wait for it to finish");
  }
}
