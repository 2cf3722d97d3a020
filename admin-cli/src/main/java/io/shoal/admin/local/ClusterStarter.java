package io.shoal.admin.local;

import io.shoal.admin.client.ClusterReadiness;
import io.shoal.admin.client.ClusterUnreachableException;
import io.shoal.admin.client.ClusterViewClient;
import io.shoal.admin.client.DynamoPing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * `shoal up`: brings the cluster recorded in a data directory (or a new one) to serving.
 *
 * <p>Starts whichever recorded processes are not running: nodes first, then waits until a metadata
 * node returns a cluster view that {@link ClusterReadiness} accepts (partition map, every node alive,
 * every group led), then the router, then waits until the router answers a DynamoDB ListTables with
 * HTTP 200. If a started process exits or the timeout passes, everything this call started is stopped
 * again and {@link StartFailedException} carries the relevant log tails.
 */
public final class ClusterStarter {

  /**
   * Options of `up`; null means "as recorded, else the default".
   *
   * @param portOffset added to every node port of a new cluster (0 in the CLI: 7100+i, 7200+i);
   *     lets tests run beside a cluster on the standard ports
   */
  public record Options(Path dataDir, Integer nodes, Integer groups, Integer routerPort,
      Duration timeout, int portOffset) {

    public Options(Path dataDir, Integer nodes, Integer groups, Integer routerPort,
        Duration timeout) {
      this(dataDir, nodes, groups, routerPort, timeout, 0);
    }
  }

  /** The serving cluster; {@code started} is empty when everything was already running. */
  public record Result(LocalCluster cluster, List<String> started, URI endpoint) {
    public boolean alreadyRunning() {
      return started.isEmpty();
    }
  }

  static final Duration POLL = Duration.ofMillis(500);
  static final Duration RPC_DEADLINE = Duration.ofSeconds(2);
  static final Duration CLEANUP_GRACE = Duration.ofSeconds(5);
  static final int LOG_TAIL_LINES = 30;

  private final CommandFactory commands;
  private final Consumer<String> progress;

  public ClusterStarter(CommandFactory commands, Consumer<String> progress) {
    this.commands = commands;
    this.progress = progress;
  }

  public Result up(Options o) throws IOException, StartFailedException, InterruptedException {
    Path dir = o.dataDir().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    // Fail fast rather than queue behind another `up` that may hold the lock for minutes.
    try (ClusterLock.Held held = ClusterLock.forDataDir(dir).acquire(Duration.ZERO)) {
      Optional<ClusterFile> existing =
          ClusterFile.exists(dir) ? Optional.of(ClusterFile.read(dir)) : Optional.empty();
      ClusterLayout layout = resolveLayout(existing, o, progress);
      if (existing.isPresent()) {
        restartRouterIfMoved(LocalCluster.load(dir), layout);
      }
      LocalCluster cluster = LocalCluster.create(dir, plan(existing, layout, dir));
      List<ProcessRecord> toStart =
          cluster.processes().stream().filter(p -> !Processes.isOurs(p)).toList();
      if (toStart.isEmpty()) {
        return new Result(cluster, List.of(), cluster.endpoint());
      }
      commands.verify();
      requirePortsFree(toStart);
      return startAndAwait(cluster, toStart, o.timeout());
    }
  }

  private Result startAndAwait(LocalCluster cluster, List<ProcessRecord> toStart, Duration timeout)
      throws IOException, StartFailedException, InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    List<String> started = new ArrayList<>();
    Thread hook = new Thread(() -> stopOnInterrupt(cluster, started), "shoal-up-abort");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      List<ProcessRecord> nodes = toStart.stream().filter(ProcessRecord::isNode).toList();
      if (!nodes.isEmpty()) {
        progress.accept("starting " + nodes.size() + (nodes.size() == 1 ? " node: " : " nodes: ")
            + String.join(" ", nodes.stream().map(n -> n.name() + "(" + n.zone() + ")").toList())
            + "; data and logs in " + cluster.dataDir());
        for (ProcessRecord n : nodes) {
          synchronized (started) {
            started.add(n.name());
          }
          cluster.start(n.name());
        }
      }
      awaitCluster(cluster, started, t0, deadline);
      Optional<ProcessRecord> router =
          toStart.stream().filter(p -> p.role() == ProcessRecord.Role.ROUTER).findFirst();
      if (router.isPresent()) {
        progress.accept("starting router on port " + router.get().httpPort());
        synchronized (started) {
          started.add(router.get().name());
        }
        cluster.start(router.get().name());
      }
      awaitRouter(cluster, started, t0, deadline);
      return new Result(cluster, List.copyOf(started), cluster.endpoint());
    } catch (StartFailedException | IOException | InterruptedException | RuntimeException e) {
      stopQuietly(cluster, started);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and stops what we started
      }
    }
  }

  private void awaitCluster(LocalCluster cluster, List<String> started, long t0, long deadline)
      throws StartFailedException, InterruptedException {
    List<String> nodeIds = cluster.nodes().stream().map(ProcessRecord::name).toList();
    String last = null;
    try (ClusterViewClient client = new ClusterViewClient(cluster.seeds(), RPC_DEADLINE)) {
      while (true) {
        checkAlive(cluster, started);
        String state;
        try {
          ClusterViewClient.Answer answer = client.fetch();
          List<String> unmet = ClusterReadiness.unmet(answer.view(), nodeIds);
          if (unmet.isEmpty()) {
            progress.accept("cluster ready: " + nodeIds.size() + " nodes up, "
                + answer.view().getPartitionMap().getGroupsCount() + " groups led ("
                + elapsed(t0) + ")");
            return;
          }
          state = String.join("; ", unmet);
        } catch (ClusterUnreachableException e) {
          state = "no metadata node answers yet";
        }
        if (!state.equals(last)) {
          progress.accept("  waiting: " + state + " (" + elapsed(t0) + ")");
          last = state;
        }
        if (System.nanoTime() - deadline >= 0) {
          throw timedOut(cluster, started, t0, "the cluster: " + state);
        }
        Thread.sleep(POLL.toMillis());
      }
    }
  }

  private void awaitRouter(LocalCluster cluster, List<String> started, long t0, long deadline)
      throws StartFailedException, InterruptedException {
    HttpClient http = DynamoPing.newClient(RPC_DEADLINE);
    URI endpoint = cluster.endpoint();
    boolean said = false;
    while (true) {
      checkAlive(cluster, started);
      if (DynamoPing.serves(http, endpoint, RPC_DEADLINE)) {
        return;
      }
      if (!said) {
        progress.accept("  waiting: router at " + endpoint + " to answer ListTables ("
            + elapsed(t0) + ")");
        said = true;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw timedOut(cluster, started, t0, "the router to answer ListTables at " + endpoint);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void checkAlive(LocalCluster cluster, List<String> started) throws StartFailedException {
    List<String> names;
    synchronized (started) {
      names = List.copyOf(started);
    }
    for (String name : names) {
      if (cluster.hasExited(name)) {
        String code = cluster.exitCode(name).map(c -> " with code " + c).orElse("");
        throw new StartFailedException(name + " exited during start" + code,
            logTail(cluster, name, LOG_TAIL_LINES));
      }
    }
  }

  private StartFailedException timedOut(LocalCluster cluster, List<String> started, long t0,
      String what) {
    List<String> details = new ArrayList<>();
    List<String> names;
    synchronized (started) {
      names = List.copyOf(started);
    }
    for (String name : names) {
      details.addAll(logTail(cluster, name, 10));
    }
    return new StartFailedException("timed out after " + elapsed(t0) + " waiting for " + what,
        details);
  }

  private static List<String> logTail(LocalCluster cluster, String name, int lines) {
    List<String> out = new ArrayList<>();
    out.add("--- last lines of " + cluster.logFile(name) + " ---");
    out.addAll(cluster.logTail(name, lines));
    return out;
  }

  private void stopQuietly(LocalCluster cluster, List<String> started) {
    List<String> names;
    synchronized (started) {
      names = List.copyOf(started);
    }
    if (names.isEmpty()) {
      return;
    }
    progress.accept("stopping what was started: " + String.join(" ", names));
    try {
      cluster.stop(names, CLEANUP_GRACE);
    } catch (IOException | RuntimeException e) {
      progress.accept("could not stop " + names + ": " + e.getMessage()
          + "; run `shoal down` to retry");
    }
  }

  /**
   * Ctrl-C (or SIGTERM) while waiting: stop what we started. The main thread holds the lock and may
   * be mid-change, so this signals pids directly and then records them stopped best-effort (this
   * JVM holds the file lock, so no other shoal process writes meanwhile).
   */
  private void stopOnInterrupt(LocalCluster cluster, List<String> started) {
    List<ProcessRecord> ours = new ArrayList<>();
    synchronized (started) {
      for (String name : started) {
        cluster.process(name).filter(Processes::isOurs).ifPresent(ours::add);
      }
    }
    if (ours.isEmpty()) {
      return;
    }
    ours.forEach(p -> Processes.terminate(p.pid()));
    try {
      for (ProcessRecord p : ours) {
        if (!Processes.awaitExit(p.pid(), CLEANUP_GRACE)) {
          Processes.kill(p.pid());
        }
      }
      ClusterFile f = ClusterFile.read(cluster.dataDir());
      java.time.Instant now = java.time.Instant.now();
      for (ProcessRecord p : ours) {
        f = f.find(p.name()).filter(r -> p.pid().equals(r.pid())).map(r -> r.stopped(now))
            .map(f::with).orElse(f);
      }
      f.write(cluster.dataDir());
    } catch (InterruptedException | IOException | RuntimeException e) {
      ours.forEach(p -> Processes.kill(p.pid()));
    }
  }

  private void restartRouterIfMoved(LocalCluster cluster, ClusterLayout layout) throws IOException {
    Optional<ProcessRecord> router = cluster.file().router();
    if (router.isPresent() && router.get().httpPort() != null
        && router.get().httpPort() != layout.routerPort() && Processes.isOurs(router.get())) {
      progress.accept("moving the router from port " + router.get().httpPort() + " to "
          + layout.routerPort());
      cluster.stop(router.get().name(), LocalCluster.DEFAULT_GRACE);
    }
  }

  private static void requirePortsFree(List<ProcessRecord> toStart) throws IOException {
    List<String> busy = new ArrayList<>();
    for (ProcessRecord p : toStart) {
      for (int port : p.ports()) {
        if (!Ports.isFree(p.host(), port)) {
          busy.add(p.host() + ":" + port + " (" + p.name() + ")");
        }
      }
    }
    if (!busy.isEmpty()) {
      throw new IOException("ports in use: " + String.join(", ", busy) + "; is another cluster"
          + " running? (`shoal down --data-dir <its dir>`, or find it with `ss -ltnp`)");
    }
  }

  /** The layout `up` should run: recorded if there is one, adjusted by explicit options. */
  static ClusterLayout resolveLayout(Optional<ClusterFile> existing, Options o,
      Consumer<String> warn) {
    if (existing.isEmpty() || existing.get().nodes().isEmpty()) {
      int nodes = o.nodes() != null ? o.nodes() : ClusterLayout.DEFAULT_NODES;
      return ClusterLayout.standard(nodes,
          o.groups() != null ? o.groups() : ClusterLayout.defaultGroups(nodes),
          o.routerPort() != null ? o.routerPort() : ClusterLayout.DEFAULT_ROUTER_PORT,
          o.portOffset());
    }
    ClusterLayout layout = existing.get().layout();
    if (o.groups() != null && o.groups() != layout.groups()) {
      warn.accept("note: --groups " + o.groups() + " ignored: this cluster was created with "
          + layout.groups() + " groups (use a new --data-dir for a different count)");
    }
    if (o.nodes() != null && o.nodes() != layout.nodes().size()) {
      layout = layout.withNodeCount(o.nodes());
    }
    if (o.routerPort() != null) {
      layout = layout.withRouterPort(o.routerPort());
    }
    return layout;
  }

  /** cluster.json for the layout: running processes keep their records, others get fresh commands. */
  ClusterFile plan(Optional<ClusterFile> existing, ClusterLayout layout, Path dataDir) {
    List<ProcessRecord> records = new ArrayList<>();
    for (NodeSlot n : layout.nodes()) {
      Optional<ProcessRecord> running =
          existing.flatMap(f -> f.find(n.id())).filter(Processes::isOurs);
      records.add(running.orElseGet(() -> fresh(n.id(), ProcessRecord.Role.NODE, n.zone(),
          layout.host(), n.raftPort(), n.grpcPort(), n.httpPort(), commands.node(n, layout, dataDir),
          dataDir)));
    }
    Optional<ProcessRecord> router = existing.flatMap(ClusterFile::router)
        .filter(r -> r.httpPort() != null && r.httpPort() == layout.routerPort())
        .filter(Processes::isOurs);
    records.add(router.orElseGet(() -> fresh("router", ProcessRecord.Role.ROUTER, null,
        layout.host(), null, null, layout.routerPort(), commands.router(layout), dataDir)));
    return new ClusterFile(ClusterFile.FORMAT, layout.host(), layout.groups(), records);
  }

  private static ProcessRecord fresh(String name, ProcessRecord.Role role, String zone, String host,
      Integer raftPort, Integer grpcPort, Integer httpPort, LaunchSpec spec, Path dataDir) {
    return new ProcessRecord(name, role, zone, host, raftPort, grpcPort, httpPort, spec.command(),
        spec.mainClass(), dataDir.resolve("logs").resolve(name + ".log").toString(), null,
        ProcessRecord.State.STOPPED, null, null);
  }

  private static String elapsed(long t0) {
    return ((System.nanoTime() - t0) / 1_000_000_000L) + "s";
  }
}
