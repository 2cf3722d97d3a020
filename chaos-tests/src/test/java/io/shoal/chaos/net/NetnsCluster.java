package io.shoal.chaos.net;

import io.shoal.proto.ClusterView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Shoal cluster of real processes, each storage node in its own network namespace, so the network between them
 * can be cut, partitioned and slowed with nothing but {@code ip route} and {@code tc}.
 *
 * <pre>
 *   root ns (test JVM)                 hub ns                          node namespaces
 *   P-r 198.19.R.1/24 ===veth=== P-rh -+- br0 198.19.R.2 (router :8000)
 *                                      +- P-n1h ===veth=== P-n1 198.19.R.11 (node n1, zone a)
 *                                      +- P-n2h ===veth=== P-n2 198.19.R.12 (node n2, zone b)
 *                                      +- P-n3h ===veth=== P-n3 198.19.R.13 (node n3, zone c)
 * </pre>
 *
 * <p>P is the per-run prefix {@code shx<R>}; R, the third octet, is chosen per run so concurrent runs do not
 * clash. Everything sits on one L2 bridge, so no namespace forwards packets; the root namespace only gets
 * 198.19.R.1 (nothing binds to it) and, while the cluster lives, a {@code blackhole 198.18.0.0/15} route so test
 * traffic can never leave the machine. Faults are blackhole routes to single /32 addresses (more specific than
 * the /24), {@code tc netem} on a node's veth, and signals to the processes.
 *
 * <p>Everything created is removed by {@link #close()}, which a JVM shutdown hook also runs; a run that died
 * without cleaning up is found by its owner file under {@code /run/shoal-netns} (owner PID dead) and removed at
 * the next start.
 */
public final class NetnsCluster implements AutoCloseable {
  static final String NAME_PREFIX = "shx";
  static final Path OWNERS = Path.of("/run/shoal-netns");
  static final String SAFETY_ROUTE = "198.18.0.0/15";
  /** Present while the safety route is one the harness added (not someone else's, e.g. a Docker set-up's). */
  static final Path SAFETY_MARKER = OWNERS.resolve("safety-route");
  public static final int RAFT_PORT = 7101;
  public static final int GRPC_PORT = 7201;
  public static final int ROUTER_PORT = 8000;
  static final List<String> ZONES = List.of("a", "b", "c");

  /** Settings for one cluster. */
  public record Config(int nodes, int groups, int electionTimeoutMs, Path repo, Path workDir) {
    public static Config defaults(Path workDir) {
      Path repo = Path.of(System.getProperty("shoal.repo", System.getProperty("user.dir") + "/.."))
          .toAbsolutePath().normalize();
      return new Config(3, 6, 1000, repo, workDir.toAbsolutePath());
    }
  }

  /** One storage node: where it lives and its current process (null while down). */
  public static final class Node {
    final String id;
    final String zone;
    final String ns;
    final String ip;
    final String veth;
    final int raftPort;
    final int grpcPort;
    final Path log;
    volatile Process process;

    Node(String id, String zone, String ns, String ip, String veth, int raftPort, int grpcPort, Path log) {
      this.id = id;
      this.zone = zone;
      this.ns = ns;
      this.ip = ip;
      this.veth = veth;
      this.raftPort = raftPort;
      this.grpcPort = grpcPort;
      this.log = log;
    }

    public String id() {
      return id;
    }

    public String zone() {
      return zone;
    }

    /** Null on a loopback cluster. */
    public String namespace() {
      return ns;
    }

    public String ip() {
      return ip;
    }

    public String grpcAddress() {
      return ip + ":" + grpcPort;
    }

    String raftAddress() {
      return ip + ":" + raftPort;
    }

    /** The node's end of its veth, inside its namespace (where netem goes); null on loopback. */
    public String veth() {
      return veth;
    }

    public long pid() {
      Process p = process;
      return p == null ? -1 : p.pid();
    }

    public boolean running() {
      Process p = process;
      return p != null && p.isAlive();
    }

    @Override
    public String toString() {
      return id + "(zone " + zone + ", " + ip + (pid() > 0 ? ", pid " + pid() : "") + ")";
    }
  }

  /** Whether network namespaces can be used here, and why not. */
  public record Availability(boolean available, String reason) {}

  private static volatile Availability availability;
  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Tries to create and delete a scratch namespace once per JVM. Unavailable (not root, no iproute2, a sandbox
   * that forbids unshare) is reported loudly by callers and turns network faults into skipped tests.
   */
  public static synchronized Availability availability() {
    if (availability == null && "false".equals(System.getProperty("shoal.chaos.netns"))) {
      availability = new Availability(false, "disabled with -Dshoal.chaos.netns=false");
    }
    if (availability == null) {
      String probe = NAME_PREFIX + "probe" + ProcessHandle.current().pid();
      Sh.Result add = Sh.run("ip", "netns", "add", probe);
      if (add.ok()) {
        Sh.Result exec = Sh.run("ip", "netns", "exec", probe, "ip", "link", "set", "lo", "up");
        Sh.quiet("ip", "netns", "del", probe);
        Sh.Result tc = Sh.run("tc", "-V");
        availability = !exec.ok() ? new Availability(false, "`ip netns exec` failed: " + exec.output())
            : !tc.ok() ? new Availability(false, "`tc` is not usable: " + tc.output())
            : new Availability(true, "ip netns add/exec work (running as uid " + uid() + ")");
      } else {
        availability = new Availability(false, "`ip netns add` is not permitted here (uid " + uid() + "): "
            + add.output());
      }
    }
    return availability;
  }

  private static String uid() {
    Sh.Result r = Sh.run("id", "-u");
    return r.ok() ? r.output() : "?";
  }

  private final Config config;
  private final boolean netns;
  private final String loopbackReason;
  private final int routerPort;
  private final int octet;
  private final String prefix;
  private final String hubNs;
  private final String routerIp;
  private final String rootIp;
  private final String rootVeth;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Path logDir;
  private final Path ownerFile;
  private final Thread hook;
  private volatile Process router;
  private boolean addedSafetyRoute;
  private boolean closed;
  private NetProbe probe;

  /** @param octet the third octet of the run's 198.19.x.0/24, or -1 for a loopback cluster */
  private NetnsCluster(Config config, int octet, String loopbackReason) {
    this.config = config;
    this.netns = octet >= 0;
    this.loopbackReason = loopbackReason;
    this.octet = octet;
    this.prefix = netns ? NAME_PREFIX + octet : "loopback-" + ProcessHandle.current().pid() + "-"
        + Long.toString(System.nanoTime() % 100000);
    this.hubNs = netns ? prefix + "-hub" : null;
    this.routerIp = netns ? net(2) : "127.0.0.1";
    this.routerPort = netns ? ROUTER_PORT : freePort();
    this.rootIp = net(1);
    this.rootVeth = prefix + "-r";
    // One directory per run (the octet may repeat across runs): logs of earlier runs stay, data never leaks in.
    this.logDir = config.workDir().resolve(prefix + "-" + java.time.LocalDateTime.now()
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    this.ownerFile = OWNERS.resolve(prefix);
    for (int i = 1; i <= config.nodes(); i++) {
      String id = "n" + i;
      String zone = ZONES.get((i - 1) % ZONES.size());
      nodes.put(id, netns
          ? new Node(id, zone, prefix + "-" + id, net(10 + i), prefix + "-" + id, RAFT_PORT, GRPC_PORT,
              logDir.resolve(id + ".log"))
          : new Node(id, zone, null, "127.0.0.1", null, freePort(), freePort(), logDir.resolve(id + ".log")));
    }
    this.hook = new Thread(this::close, "netns-cluster-cleanup-" + prefix);
  }

  /** An ephemeral port on 127.0.0.1 (never the fixed 7101-7303/8000 other suites use). */
  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String net(int host) {
    return "198.19." + octet + "." + host;
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
    NetnsJanitor.removeLeftovers();
    NetnsCluster c;
    synchronized (NetnsCluster.class) {
      c = new NetnsCluster(config, pickOctet(), null);
      c.claim();
    }
    return c.boot(timeout);
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
    NetnsCluster c = new NetnsCluster(config, -1, a.reason());
    try {
      Files.createDirectories(c.logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c.boot(timeout);
  }

  private NetnsCluster boot(Duration timeout) throws InterruptedException {
    NetnsCluster c = this;
    Runtime.getRuntime().addShutdownHook(c.hook);
    try {
      if (netns) {
        c.buildNetwork();
      }
      for (Node n : c.nodes.values()) {
        c.startNode(n.id);
      }
      c.awaitHealthy(timeout);
      c.startRouter();
      c.awaitRouter(Duration.ofSeconds(60));
      return c;
    } catch (RuntimeException | InterruptedException | Error e) {
      c.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- network set-up and teardown

  private static int pickOctet() {
    Set<String> used = new TreeSet<>(NetnsJanitor.namespaces());
    String addrs = Sh.run("ip", "-o", "addr").output();
    int start = (int) ((ProcessHandle.current().pid() + RUNS.getAndIncrement() * 7) % 200) + 20;
    for (int k = 0; k < 200; k++) {
      int o = 20 + (start - 20 + k) % 200;
      if (!used.contains(NAME_PREFIX + o + "-hub") && !addrs.contains("198.19." + o + ".")
          && !Files.exists(OWNERS.resolve(NAME_PREFIX + o))) {
        return o;
      }
    }
    throw new IllegalStateException("no free 198.19.x.0/24 for a test network");
  }

  private void claim() {
    try {
      Files.createDirectories(OWNERS);
      Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void buildNetwork() {
    synchronized (NetnsCluster.class) {
      Sh.Result safety = Sh.run("ip", "route", "show", SAFETY_ROUTE);
      if (!safety.output().contains("blackhole")) {
        Sh.must("ip", "route", "replace", "blackhole", SAFETY_ROUTE);
        addedSafetyRoute = true;
        try {
          Files.writeString(SAFETY_MARKER, "added by the chaos harness; the last run to close removes it\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        addedSafetyRoute = Files.exists(SAFETY_MARKER);
      }
    }
    Sh.must("ip", "netns", "add", hubNs);
    Sh.mustIn(hubNs, "ip", "link", "set", "lo", "up");
    Sh.mustIn(hubNs, "ip", "link", "add", "br0", "type", "bridge");
    Sh.mustIn(hubNs, "ip", "addr", "add", routerIp + "/24", "dev", "br0");
    Sh.mustIn(hubNs, "ip", "link", "set", "br0", "up");
    // root <-> hub: the test JVM's only way in
    Sh.must("ip", "link", "add", rootVeth, "type", "veth", "peer", "name", rootVeth + "h");
    Sh.must("ip", "link", "set", rootVeth + "h", "netns", hubNs);
    Sh.mustIn(hubNs, "ip", "link", "set", rootVeth + "h", "master", "br0", "up");
    Sh.must("ip", "addr", "add", rootIp + "/24", "dev", rootVeth);
    Sh.must("ip", "link", "set", rootVeth, "up");
    for (Node n : nodes.values()) {
      Sh.must("ip", "netns", "add", n.ns);
      Sh.mustIn(n.ns, "ip", "link", "set", "lo", "up");
      Sh.must("ip", "link", "add", n.veth, "type", "veth", "peer", "name", n.veth + "h");
      Sh.must("ip", "link", "set", n.veth, "netns", n.ns);
      Sh.must("ip", "link", "set", n.veth + "h", "netns", hubNs);
      Sh.mustIn(hubNs, "ip", "link", "set", n.veth + "h", "master", "br0", "up");
      Sh.mustIn(n.ns, "ip", "addr", "add", n.ip + "/24", "dev", n.veth);
      Sh.mustIn(n.ns, "ip", "link", "set", n.veth, "up");
    }
    System.out.printf("[netns] %s: hub %s (router %s:%d), root end %s on %s, nodes %s; safety route %s %s%n",
        prefix, hubNs, routerIp, ROUTER_PORT, rootIp, rootVeth, nodes.values(), SAFETY_ROUTE,
        addedSafetyRoute ? "in place (the harness's; removed by the last run to close)"
            : "already present (someone else's; left alone)");
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
    List<Process> procs = new ArrayList<>();
    nodes.values().forEach(n -> procs.add(n.process));
    procs.add(router);
    for (Process p : procs) {
      if (p != null && p.isAlive()) {
        Sh.quiet("kill", "-CONT", Long.toString(p.pid()));
        p.destroyForcibly();
      }
    }
    for (Process p : procs) {
      if (p != null) {
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (netns) {
      List<String> spaces = new ArrayList<>();
      spaces.add(hubNs);
      nodes.values().forEach(n -> spaces.add(n.ns));
      NetnsJanitor.teardown(prefix, spaces, true);
      try {
        Files.deleteIfExists(ownerFile);
      } catch (IOException e) {
        // best effort
      }
      NetnsJanitor.removeSafetyRouteIfLast();
    }
    List<String> left = NetnsJanitor.namespaces().stream().filter(ns -> ns.startsWith(prefix + "-")).toList();
    System.out.println("[netns] " + prefix + " torn down" + (left.isEmpty() ? "" : "; LEFT BEHIND: " + left));
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // running from the hook itself
    }
  }

  // ---------------------------------------------------------------- processes

  private String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String classpath(String module) {
    Path target = config.repo().resolve(module).resolve("target");
    Path jar = target.resolve("shoal-" + module + "-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn -o -DskipTests package` in " + config.repo());
    }
    return jar + ":" + target.resolve("lib") + "/*";
  }

  private String metaPeers() {
    return nodes.values().stream().map(Node::raftAddress).collect(Collectors.joining(","));
  }

  /** gRPC addresses of every node, the seeds of routers and probes. */
  public List<String> seeds() {
    return nodes.values().stream().map(Node::grpcAddress).toList();
  }

  private Process launch(String ns, List<String> javaCmd, Path log) {
    List<String> cmd = new ArrayList<>();
    if (ns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", ns));
    }
    cmd.addAll(javaCmd);
    try {
      Files.writeString(log, "\n==== " + java.time.Instant.now() + " " + String.join(" ", cmd) + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      // `ip netns exec` enters the namespace and execs java in place: the PID is the JVM's.
      return new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void startNode(String id) {
    Node n = node(id);
    if (n.running()) {
      throw new IllegalStateException(n + " is already running");
    }
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError", "-cp", classpath("node"), "io.shoal.node.NodeMain",
        "--id", n.id, "--zone", n.zone, "--host", n.ip,
        "--raft-port", Integer.toString(n.raftPort), "--grpc-port", Integer.toString(n.grpcPort),
        "--data-dir", logDir.resolve("data").resolve(n.id).toString(),
        "--meta-peers", metaPeers(), "--seeds", String.join(",", seeds()),
        "--groups", Integer.toString(config.groups()), "--min-nodes", Integer.toString(config.nodes()),
        "--election-timeout-ms", Integer.toString(config.electionTimeoutMs())));
    n.process = launch(n.ns, cmd, n.log);
  }

  /** SIGKILL, and wait until the process is gone. */
  public void killNode(String id) throws InterruptedException {
    Node n = node(id);
    Process p = n.process;
    if (p != null) {
      Sh.quiet("kill", "-CONT", Long.toString(p.pid()));
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM (a clean stop), waiting up to 20 s, then SIGKILL. */
  public void stopNode(String id) throws InterruptedException {
    Node n = node(id);
    Process p = n.process;
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  public void restartNode(String id) throws InterruptedException {
    killNode(id);
    startNode(id);
  }

  public void pauseNode(String id) {
    Sh.must("kill", "-STOP", Long.toString(node(id).pid()));
  }

  public void resumeNode(String id) {
    Sh.must("kill", "-CONT", Long.toString(node(id).pid()));
  }

  private void startRouter() {
    List<String> cmd = List.of(java(), "-Xmx256m", "-cp", classpath("router"), "io.shoal.router.RouterMain",
        "--host", routerIp, "--port", Integer.toString(routerPort), "--seeds", String.join(",", seeds()));
    router = launch(hubNs, cmd, logDir.resolve("router.log"));
  }

  /** Kills the router with SIGKILL and starts a new one on the same address; waits until it accepts again. */
  public synchronized void restartRouter() throws InterruptedException {
    Process p = router;
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    startRouter();
    awaitRouter(Duration.ofSeconds(60));
  }

  private void awaitRouter(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (router != null && !router.isAlive()) {
        throw new IllegalStateException("router exited with " + router.exitValue() + "; see "
            + logDir.resolve("router.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(routerIp, routerPort), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("router did not listen on " + routerIp + ":" + routerPort + " within "
        + timeout);
  }

  /** Every node alive in the metadata view and every group led; fails early when a node process died. */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no metadata leader answered";
    while (System.nanoTime() < deadline) {
      for (Node n : nodes.values()) {
        if (n.process != null && !n.process.isAlive()) {
          throw new IllegalStateException(n.id + " exited with " + n.process.exitValue() + "; see " + n.log);
        }
      }
      Optional<ClusterView> v = probe().view();
      if (v.isPresent()) {
        ClusterView view = v.get();
        long alive = view.getNodesList().stream().filter(s -> s.getAlive()).count();
        int groups = view.getPartitionMap().getGroupsCount();
        if (alive == nodes.size() && groups > 0 && view.getLeadersCount() == groups) {
          return;
        }
        last = alive + "/" + nodes.size() + " nodes alive, " + view.getLeadersCount() + "/" + groups + " groups led";
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("cluster " + prefix + " not healthy within " + timeout + ": " + last);
  }

  // ---------------------------------------------------------------- network faults

  /** Drops every packet {@code from} sends to {@code toIp} (a /32 blackhole route in its namespace). */
  void blackhole(String fromNs, String toIp) {
    requireNetwork();
    Sh.mustIn(fromNs, "ip", "route", "replace", "blackhole", toIp + "/32");
  }

  void unblackhole(String fromNs, String toIp) {
    if (!netns) {
      return;
    }
    Sh.run("ip", "netns", "exec", fromNs, "ip", "route", "del", "blackhole", toIp + "/32");
  }

  /** Cuts the link between two endpoints, both directions. An endpoint is a node id or "router". */
  public void cut(String a, String b) {
    blackhole(nsOf(a), ipOf(b));
    blackhole(nsOf(b), ipOf(a));
  }

  public void mend(String a, String b) {
    unblackhole(nsOf(a), ipOf(b));
    unblackhole(nsOf(b), ipOf(a));
  }

  /** {@code tc netem} on the node's veth (its egress), e.g. {@code "delay 200ms loss 20%"}. */
  public void netem(String id, String spec) {
    requireNetwork();
    Node n = node(id);
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", n.ns, "tc", "qdisc", "replace", "dev",
        n.veth, "root", "netem"));
    cmd.addAll(List.of(spec.trim().split("\\s+")));
    Sh.Result r = Sh.run(cmd);
    if (!r.ok()) {
      throw new IllegalStateException("netem on " + id + " failed: " + r.output());
    }
  }

  private Boolean netem;

  /**
   * Whether this kernel has the netem qdisc (minimal VM kernels often lack sch_netem; then only tbf, htb, pfifo
   * and red exist and {@link #throttle} is the slow-link fallback).
   */
  public synchronized boolean netemAvailable() {
    if (!netns) {
      return false;
    }
    if (netem == null) {
      netem = Sh.run("ip", "netns", "exec", hubNs, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms")
          .ok();
      Sh.run("ip", "netns", "exec", hubNs, "tc", "qdisc", "del", "dev", "lo", "root");
    }
    return netem;
  }

  /**
   * Token-bucket throttle on the node's egress ({@code tc tbf}): at {@code rate} (e.g. "128kbit") packets queue
   * up to {@code latency} (e.g. "400ms") and are dropped beyond it, so the link is slow and, under load, lossy.
   */
  public void throttle(String id, String rate, String latency) {
    requireNetwork();
    Node n = node(id);
    Sh.mustIn(n.ns, "tc", "qdisc", "replace", "dev", n.veth, "root", "tbf", "rate", rate, "burst", "8kb",
        "latency", latency);
  }

  public void clearNetem(String id) {
    if (!netns) {
      return;
    }
    Node n = node(id);
    Sh.run("ip", "netns", "exec", n.ns, "tc", "qdisc", "del", "dev", n.veth, "root");
  }

  public static final String ROUTER = "router";

  /** Whether network faults work: true for a namespaced cluster, false for the loopback fallback. */
  public boolean networkFaults() {
    return netns;
  }

  /** Why this cluster runs on loopback (null when namespaced). */
  public String loopbackReason() {
    return loopbackReason;
  }

  private void requireNetwork() {
    if (!netns) {
      throw new UnsupportedOperationException("network faults need network namespaces, unavailable here: "
          + loopbackReason);
    }
  }

  private String nsOf(String endpoint) {
    return ROUTER.equals(endpoint) ? hubNs : node(endpoint).ns;
  }

  private String ipOf(String endpoint) {
    return ROUTER.equals(endpoint) ? routerIp : node(endpoint).ip;
  }

  // ---------------------------------------------------------------- accessors

  public String endpoint() {
    return "http://" + routerIp + ":" + routerPort;
  }

  public Node node(String id) {
    Node n = nodes.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id + " in " + nodes.keySet());
    }
    return n;
  }

  public List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  public List<String> nodeIds() {
    return List.copyOf(nodes.keySet());
  }

  public String prefix() {
    return prefix;
  }

  public Path logDir() {
    return logDir;
  }

  public int electionTimeoutMs() {
    return config.electionTimeoutMs();
  }

  public synchronized NetProbe probe() {
    if (probe == null) {
      probe = new NetProbe(seeds());
    }
    return probe;
  }
}
