package io.shoal.admin.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local cluster recorded in {@code <dataDir>/cluster.json}: start, kill and stop its processes and
 * keep the file in step. Safe to use from several threads and alongside other shoal commands: every
 * change re-reads the file under {@code <dataDir>/cluster.lock}, applies itself and writes it back.
 */
public final class LocalCluster {

  /** How long a change waits for another shoal command holding the lock. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(10);
  /** SIGTERM grace used by `down`. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final Path dataDir;
  private final ClusterLock lock;
  private final Map<String, Process> children = new ConcurrentHashMap<>();
  private volatile ClusterFile file;

  private LocalCluster(Path dataDir, ClusterFile file) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.lock = ClusterLock.forDataDir(this.dataDir);
    this.file = file;
  }

  public static boolean exists(Path dataDir) {
    return ClusterFile.exists(dataDir);
  }

  /** The cluster recorded in the data directory; fails if there is no cluster.json. */
  public static LocalCluster load(Path dataDir) throws IOException {
    if (!exists(dataDir)) {
      throw new NoSuchFileException(ClusterFile.path(dataDir.toAbsolutePath()));
    }
    return new LocalCluster(dataDir, ClusterFile.read(dataDir));
  }

  /** Records a new or changed cluster layout: writes cluster.json and returns the cluster. */
  public static LocalCluster create(Path dataDir, ClusterFile file) throws IOException {
    LocalCluster c = new LocalCluster(dataDir, file);
    try (ClusterLock.Held held = c.lock.acquire(LOCK_WAIT)) {
      file.write(c.dataDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return c;
  }

  /** A cluster.json that does not exist. */
  public static final class NoSuchFileException extends IOException {
    NoSuchFileException(Path file) {
      super("no cluster recorded in " + file.getParent() + " (" + file + " missing); start one with"
          + " `shoal up`");
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The file as last read or written by this object (call {@link #reload()} to refresh). */
  public ClusterFile file() {
    return file;
  }

  public ClusterFile reload() throws IOException {
    file = ClusterFile.read(dataDir);
    return file;
  }

  public List<ProcessRecord> processes() {
    return file.processes();
  }

  public List<ProcessRecord> nodes() {
    return file.nodes();
  }

  public Optional<ProcessRecord> process(String name) {
    return file.find(name);
  }

  public ClusterLayout layout() {
    return file.layout();
  }

  /** gRPC addresses of the metadata nodes. */
  public List<String> seeds() {
    return layout().seeds();
  }

  /** The router's DynamoDB endpoint, e.g. http://127.0.0.1:8000. */
  public URI endpoint() {
    return URI.create("http://" + file.host() + ":" + layout().routerPort());
  }

  public Path logFile(String name) {
    return dataDir.resolve("logs").resolve(name + ".log");
  }

  public List<String> logTail(String name, int lines) {
    return LogTail.tail(logFile(name), lines);
  }

  /** Whether the named process runs now (alive and still our command). */
  public boolean isRunning(String name) {
    return process(name).map(Processes::isOurs).orElse(false);
  }

  /** Every recorded process by name, in file order, with whether it runs now. */
  public Map<String, Boolean> liveness() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (ProcessRecord p : processes()) {
      out.put(p.name(), Processes.isOurs(p));
    }
    return out;
  }

  /** The exit code of a process this object started and that has exited. */
  public Optional<Integer> exitCode(String name) {
    Process p = children.get(name);
    Long pid = process(name).map(ProcessRecord::pid).orElse(null);
    return p == null || pid == null || p.pid() != pid || p.isAlive()
        ? Optional.empty() : Optional.of(p.exitValue());
  }

  /**
   * Whether a process started (or recorded) has exited. Unlike {@link #isRunning} this does not look
   * at the command line, which is briefly the launcher's right after a start.
   */
  public boolean hasExited(String name) {
    Long pid = process(name).map(ProcessRecord::pid).orElse(null);
    if (pid == null) {
      return true;
    }
    Process p = children.get(name);
    if (p != null && p.pid() == pid) {
      return !p.isAlive();
    }
    return !Processes.isAlive(pid);
  }

  public ProcessRecord startNode(String id) throws IOException {
    return start(requireNode(id).name());
  }

  /**
   * Starts a recorded process with its recorded command line, appending to its log. If it already
   * runs, returns its record unchanged. Fails if one of its ports is taken.
   */
  public ProcessRecord start(String name) throws IOException {
    try (ClusterLock.Held held = lock()) {
      ProcessRecord r = require(reload(), name);
      if (Processes.isOurs(r)) {
        return r;
      }
      for (int port : r.ports()) {
        if (!Ports.isFree(r.host(), port)) {
          throw new IOException("cannot start " + name + ": port " + r.host() + ":" + port
              + " is in use (another cluster or a stale process? try `shoal down` or `ss -ltnp`)");
        }
      }
      Process p = ProcessLauncher.startDetached(r.command(), dataDir, logFile(name));
      children.put(name, p);
      ProcessRecord started = r.started(p.pid(), Instant.now());
      save(file.with(started));
      return started;
    }
  }

  /** SIGKILL the node, as a crash would. Returns what happened. */
  public StopOutcome killNode(String id) throws IOException {
    return kill(requireNode(id).name());
  }

  /** SIGKILL the named process and record it stopped. */
  public StopOutcome kill(String name) throws IOException {
    return stop(List.of(name), Duration.ZERO).get(0);
  }

  /**
   * SIGSTOP the named process, which must run our command; it stays recorded as running. Returns its pid. Pair
   * with {@link #resume}: a paused process holds its ports and answers nothing.
   */
  public long pause(String name) throws IOException {
    ProcessRecord r = require(reload(), name);
    if (!Processes.isOurs(r)) {
      throw new IllegalStateException(name + " is not running; cannot pause it");
    }
    Processes.pause(r.pid());
    return r.pid();
  }

  /** SIGCONT the named process if it runs our command (a no-op otherwise). */
  public void resume(String name) throws IOException {
    ProcessRecord r = require(reload(), name);
    if (Processes.isOurs(r)) {
      Processes.resume(r.pid());
    }
  }

  /** SIGTERM, then SIGKILL after the grace period. */
  public StopOutcome stop(String name, Duration grace) throws IOException {
    return stop(List.of(name), grace).get(0);
  }

  /** Stops the router, then every node, each step with SIGTERM and up to {@code grace}. */
  public List<StopOutcome> stopAll(Duration grace) throws IOException {
    List<String> router = file.router().map(r -> List.of(r.name())).orElse(List.of());
    List<String> others = processes().stream()
        .filter(p -> p.role() != ProcessRecord.Role.ROUTER).map(ProcessRecord::name).toList();
    List<StopOutcome> out = new ArrayList<>(stop(router, grace));
    out.addAll(stop(others, grace));
    return out;
  }

  /**
   * Stops the named processes together: SIGTERM to all (SIGKILL when grace is zero), wait up to the
   * grace period for all of them, SIGKILL survivors. Pids that no longer run our command are left
   * alone. Every named process is recorded stopped.
   */
  public List<StopOutcome> stop(Collection<String> names, Duration grace) throws IOException {
    try (ClusterLock.Held held = lock()) {
      ClusterFile f = reload();
      List<ProcessRecord> targets = names.stream().map(n -> require(f, n)).toList();
      Map<String, StopOutcome.Kind> kinds = new LinkedHashMap<>();
      for (ProcessRecord r : targets) {
        if (r.pid() == null || !Processes.isAlive(r.pid())) {
          kinds.put(r.name(), StopOutcome.Kind.NOT_RUNNING);
        } else if (!Processes.isOurs(r)) {
          kinds.put(r.name(), StopOutcome.Kind.NOT_OURS);
        } else if (grace.isZero()) {
          Processes.kill(r.pid());
          kinds.put(r.name(), StopOutcome.Kind.KILLED);
        } else {
          Processes.terminate(r.pid());
          kinds.put(r.name(), StopOutcome.Kind.TERMINATED);
        }
      }
      long deadline = System.nanoTime() + grace.toNanos();
      for (ProcessRecord r : targets) {
        StopOutcome.Kind k = kinds.get(r.name());
        if (k != StopOutcome.Kind.TERMINATED && k != StopOutcome.Kind.KILLED) {
          continue;
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!Processes.awaitExit(r.pid(), left)) {
          Processes.kill(r.pid());
          kinds.put(r.name(), Processes.awaitExit(r.pid(), Duration.ofSeconds(5))
              ? StopOutcome.Kind.KILLED : StopOutcome.Kind.SURVIVED);
        }
      }
      ClusterFile updated = f;
      Instant now = Instant.now();
      List<StopOutcome> out = new ArrayList<>();
      for (ProcessRecord r : targets) {
        StopOutcome.Kind k = kinds.get(r.name());
        if (k != StopOutcome.Kind.SURVIVED && r.state() != ProcessRecord.State.STOPPED) {
          updated = updated.with(r.stopped(now));
        }
        out.add(new StopOutcome(r.name(), r.pid(), k));
      }
      save(updated);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping processes", e);
    }
  }

  /** Holds this data directory's lock; reentrant, so callers may nest start/stop inside. */
  ClusterLock.Held lock() throws IOException {
    try {
      return lock.acquire(LOCK_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + dataDir + "/cluster.lock", e);
    }
  }

  /** Writes a new version of the file (caller holds the lock). */
  void save(ClusterFile f) throws IOException {
    f.write(dataDir);
    file = f;
  }

  private ProcessRecord requireNode(String id) {
    ProcessRecord r = require(file, id);
    if (!r.isNode()) {
      throw new IllegalArgumentException(id + " is not a storage node");
    }
    return r;
  }

  private static ProcessRecord require(ClusterFile f, String name) {
    return f.find(name).orElseThrow(() -> new NoSuchElementException("no process named '" + name
        + "' in this cluster; known: " + String.join(", ",
            f.processes().stream().map(ProcessRecord::name).toList())));
  }
}
