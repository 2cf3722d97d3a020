package io.shoal.chaos.net;

import io.shoal.chaos.ClusterProbe;
import io.shoal.proto.ClusterView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Shoal cluster of real processes, each storage node in its own network namespace, so the network between them
 * can be cut, partitioned and slowed with nothing but {@code ip route} and {@code tc}.
 *
 * <p>The parts: {@link NetLayout} names and addresses the run, {@link HubNetwork} builds and removes the
 * namespaces, veths and hub bridge (diagram there), {@link ClusterProcesses} launches and signals the node and
 * router processes, {@link NetFaults} cuts links and slows them, {@link ClusterProbe} looks inside over gRPC.
 * This class ties them into one lifecycle: start, wait until healthy, close.
 *
 * <p>Everything created is removed by {@link #close()}, which a JVM shutdown hook also runs; a run that died
 * without cleaning up is found by its owner file under {@code /run/shoal-netns} (owner PID dead) and removed at
 * the next start.
 */
public final class NetnsCluster implements AutoCloseable {
  public static final String ROUTER = NetFaults.ROUTER;

  /**
   * Settings for one cluster.
   *
   * @param jvmOptions extra JVM options of every storage node and router, e.g. a test-only broken mode
   *     ({@code -Dshoal.testOnly.staleReads=true})
   */
  public record Config(int nodes, int groups, int electionTimeoutMs, Path repo, Path workDir,
      List<String> jvmOptions) {
    public Config {
      jvmOptions = List.copyOf(jvmOptions);
    }

    public static Config defaults(Path workDir) {
      Path repo = Path.of(System.getProperty("shoal.repo", System.getProperty("user.dir") + "/.."))
          .toAbsolutePath().normalize();
      return new Config(3, 6, 1000, repo, workDir.toAbsolutePath(), List.of());
    }

    public Config withJvmOptions(String... options) {
      return new Config(nodes, groups, electionTimeoutMs, repo, workDir, List.of(options));
    }
  }

  /** Whether network namespaces can be used here, and why not. */
  public record Availability(boolean available, String reason) {}

  /** Tries namespaces once per JVM; see {@link HubNetwork#availability()}. */
  public static Availability availability() {
    return HubNetwork.availability();
  }

  private final Config config;
  private final NetLayout layout;
  /** Null on loopback. */
  private final HubNetwork network;
  private final String loopbackReason;
  private final ClusterProcesses processes;
  private final NetFaults faults;
  private final Thread hook;
  private boolean closed;
  private ClusterProbe probe;

  private NetnsCluster(Config config, NetLayout layout, HubNetwork network, String loopbackReason) {
    this.config = config;
    this.layout = layout;
    this.network = network;
    this.loopbackReason = loopbackReason;
    this.processes = new ClusterProcesses(config, layout);
    this.faults = new NetFaults(layout, loopbackReason);
    this.hook = new Thread(this::close, "netns-cluster-cleanup-" + layout.prefix);
  }

  /**
   * Creates the namespaces and links, starts the nodes and the router, and waits until every group has a leader
   * and the router answers. Throws if namespaces are unavailable (check {@link #availability()} first).
   */
  public static NetnsCluster start(Config config, Duration timeout) throws InterruptedException {
    Availability a = availability();
    if (!a.available()) {
      throw new IllegalStateException("network namespaces unavailable: " + a.reason());
    }
    HubNetwork network = HubNetwork.claim(config.nodes(), config.workDir());
    return new NetnsCluster(config, network.layout(), network, null).boot(timeout);
  }

  /**
   * A namespaced cluster when namespaces work; otherwise, after saying so loudly, a loopback cluster (ephemeral
   * ports on 127.0.0.1) that supports only process faults: {@link #networkFaults()} is false and every network
   * fault throws, so tests needing them must skip with {@link #loopbackReason()}.
   */
  public static NetnsCluster startBest(Config config, Duration timeout) throws InterruptedException {
    Availability a = availability();
    if (a.available()) {
      return start(config, timeout);
    }
    System.out.println("!!!!\n!!!! NETWORK NAMESPACES UNAVAILABLE: " + a.reason() + "\n!!!! falling back to a "
        + "loopback cluster: process faults (kill, pause, router restart) only; network faults are SKIPPED\n!!!!");
    NetLayout layout = NetLayout.loopback(config.nodes(), config.workDir());
    try {
      Files.createDirectories(layout.logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NetnsCluster(config, layout, null, a.reason()).boot(timeout);
  }

  private NetnsCluster boot(Duration timeout) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (network != null) {
        network.build();
      }
      for (NetNode n : layout.nodes.values()) {
        processes.startNode(n.id);
      }
      awaitHealthy(timeout);
      processes.startRouter();
      processes.awaitRouter(Duration.ofSeconds(60));
      return this;
    } catch (RuntimeException | InterruptedException | Error e) {
      close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (probe != null) {
      probe.close();
    }
    processes.killAll();
    if (network != null) {
      network.teardown();
    }
    List<String> left = NetnsJanitor.namespaces().stream().filter(ns -> ns.startsWith(layout.prefix + "-"))
        .toList();
    System.out.println("[netns] " + layout.prefix + " torn down" + (left.isEmpty() ? "" : "; LEFT BEHIND: "
        + left));
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // running from the hook itself
    }
  }

  /** Every node alive in the metadata view and every group led; fails early when a node process died. */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no metadata leader answered";
    while (System.nanoTime() < deadline) {
      processes.requireNodesAlive();
      Optional<ClusterView> v = probe().view();
      if (v.isPresent()) {
        ClusterView view = v.get();
        long alive = view.getNodesList().stream().filter(s -> s.getAlive()).count();
        int groups = view.getPartitionMap().getGroupsCount();
        if (alive == layout.nodes.size() && groups > 0 && view.getLeadersCount() == groups) {
          return;
        }
        last = alive + "/" + layout.nodes.size() + " nodes alive, " + view.getLeadersCount() + "/" + groups
            + " groups led";
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("cluster " + layout.prefix + " not healthy within " + timeout + ": " + last);
  }

  /** Start, kill, stop, pause and resume nodes; restart the router. */
  public ClusterProcesses processes() {
    return processes;
  }

  /** Cut, mend and slow links (namespaced clusters only). */
  public NetFaults network() {
    return faults;
  }

  /** Whether network faults work: true for a namespaced cluster, false for the loopback fallback. */
  public boolean networkFaults() {
    return layout.netns;
  }

  /** Why this cluster runs on loopback (null when namespaced). */
  public String loopbackReason() {
    return loopbackReason;
  }

  /** gRPC addresses of every node, the seeds of routers and probes. */
  public List<String> seeds() {
    return layout.seeds();
  }

  public String endpoint() {
    return "http://" + layout.routerIp + ":" + layout.routerPort;
  }

  public NetNode node(String id) {
    return layout.node(id);
  }

  public List<NetNode> nodes() {
    return List.copyOf(layout.nodes.values());
  }

  public List<String> nodeIds() {
    return List.copyOf(layout.nodes.keySet());
  }

  public String prefix() {
    return layout.prefix;
  }

  public Path logDir() {
    return layout.logDir;
  }

  public int electionTimeoutMs() {
    return config.electionTimeoutMs();
  }

  /** The cluster's probe; a paused seed gets 1.5 s before the next one is asked. */
  public synchronized ClusterProbe probe() {
    if (probe == null) {
      probe = new ClusterProbe(seeds(), Duration.ofMillis(1500));
    }
    return probe;
  }
}
