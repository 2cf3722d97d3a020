package io.shoal.chaos.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel side of a namespaced run: whether namespaces work here, picking a free 198.19.R.0/24, the owner file
 * under {@code /run/shoal-netns}, the safety route, and the namespaces, veths and hub bridge of a
 * {@link NetLayout}, plus their removal.
 *
 * <pre>
 *   root ns (test JVM)                 hub ns                          node namespaces
 *   P-r 198.19.R.1/24 ===veth=== P-rh -+- br0 198.19.R.2 (router :8000)
 *                                      +- P-n1h ===veth=== P-n1 198.19.R.11 (node n1, zone a)
 *                                      +- P-n2h ===veth=== P-n2 198.19.R.12 (node n2, zone b)
 *                                      +- P-n3h ===veth=== P-n3 198.19.R.13 (node n3, zone c)
 * </pre>
 *
 * <p>Everything sits on one L2 bridge, so no namespace forwards packets; the root namespace only gets 198.19.R.1
 * (nothing binds to it) and, while any run lives, a {@code blackhole 198.18.0.0/15} route so test traffic can
 * never leave the machine.
 */
final class HubNetwork {
  static final String NAME_PREFIX = "shx";
  static final Path OWNERS = Path.of("/run/shoal-netns");
  static final String SAFETY_ROUTE = "198.18.0.0/15";
  /** Present while the safety route is one the harness added (not someone else's, e.g. a Docker set-up's). */
  static final Path SAFETY_MARKER = OWNERS.resolve("safety-route");

  private static volatile NetnsCluster.Availability availability;
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final NetLayout layout;
  private final Path ownerFile;
  private boolean addedSafetyRoute;

  private HubNetwork(NetLayout layout) {
    this.layout = layout;
    this.ownerFile = OWNERS.resolve(layout.prefix);
  }

  /**
   * Tries to create and delete a scratch namespace once per JVM. Unavailable (not root, no iproute2, a sandbox
   * that forbids unshare) is reported loudly by callers and turns network faults into skipped tests.
   */
  static synchronized NetnsCluster.Availability availability() {
    if (availability == null && "false".equals(System.getProperty("shoal.chaos.netns"))) {
      availability = new NetnsCluster.Availability(false, "disabled with -Dshoal.chaos.netns=false");
    }
    if (availability == null) {
      String probe = NAME_PREFIX + "probe" + ProcessHandle.current().pid();
      Sh.Result add = Sh.run("ip", "netns", "add", probe);
      if (add.ok()) {
        Sh.Result exec = Sh.run("ip", "netns", "exec", probe, "ip", "link", "set", "lo", "up");
        Sh.quiet("ip", "netns", "del", probe);
        Sh.Result tc = Sh.run("tc", "-V");
        availability = !exec.ok() ? new NetnsCluster.Availability(false, "`ip netns exec` failed: " + exec.output())
            : !tc.ok() ? new NetnsCluster.Availability(false, "`tc` is not usable: " + tc.output())
            : new NetnsCluster.Availability(true, "ip netns add/exec work (running as uid " + uid() + ")");
      } else {
        availability = new NetnsCluster.Availability(false, "`ip netns add` is not permitted here (uid " + uid()
            + "): " + add.output());
      }
    }
    return availability;
  }

  private static String uid() {
    Sh.Result r = Sh.run("id", "-u");
    return r.ok() ? r.output() : "?";
  }

  /**
   * Removes leftovers of dead runs, picks a free 198.19.R.0/24 and claims it with an owner file (under one lock,
   * so concurrent clusters in this JVM never pick the same R). Creates nothing in the kernel yet.
   */
  static HubNetwork claim(int nodeCount, Path workDir) {
    NetnsJanitor.removeLeftovers();
    synchronized (HubNetwork.class) {
      HubNetwork h = new HubNetwork(NetLayout.namespaced(nodeCount, workDir, pickOctet()));
      try {
        Files.createDirectories(OWNERS);
        Files.writeString(h.ownerFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        Files.createDirectories(h.layout.logDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return h;
    }
  }

  NetLayout layout() {
    return layout;
  }

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

  /** The safety route (if missing), the hub namespace and bridge, the root veth, and one namespace per node. */
  void build() {
    synchronized (HubNetwork.class) {
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
    String hub = layout.hubNs;
    String rootVeth = layout.rootVeth;
    Sh.must("ip", "netns", "add", hub);
    Sh.mustIn(hub, "ip", "link", "set", "lo", "up");
    Sh.mustIn(hub, "ip", "link", "add", "br0", "type", "bridge");
    Sh.mustIn(hub, "ip", "addr", "add", layout.routerIp + "/24", "dev", "br0");
    Sh.mustIn(hub, "ip", "link", "set", "br0", "up");
    // root <-> hub: the test JVM's only way in
    Sh.must("ip", "link", "add", rootVeth, "type", "veth", "peer", "name", rootVeth + "h");
    Sh.must("ip", "link", "set", rootVeth + "h", "netns", hub);
    Sh.mustIn(hub, "ip", "link", "set", rootVeth + "h", "master", "br0", "up");
    Sh.must("ip", "addr", "add", layout.rootIp + "/24", "dev", rootVeth);
    Sh.must("ip", "link", "set", rootVeth, "up");
    for (NetNode n : layout.nodes.values()) {
      Sh.must("ip", "netns", "add", n.ns);
      Sh.mustIn(n.ns, "ip", "link", "set", "lo", "up");
      Sh.must("ip", "link", "add", n.veth, "type", "veth", "peer", "name", n.veth + "h");
      Sh.must("ip", "link", "set", n.veth, "netns", n.ns);
      Sh.must("ip", "link", "set", n.veth + "h", "netns", hub);
      Sh.mustIn(hub, "ip", "link", "set", n.veth + "h", "master", "br0", "up");
      Sh.mustIn(n.ns, "ip", "addr", "add", n.ip + "/24", "dev", n.veth);
      Sh.mustIn(n.ns, "ip", "link", "set", n.veth, "up");
    }
    System.out.printf("[netns] %s: hub %s (router %s:%d), root end %s on %s, nodes %s; safety route %s %s%n",
        layout.prefix, hub, layout.routerIp, layout.routerPort, layout.rootIp, rootVeth, layout.nodes.values(),
        SAFETY_ROUTE, addedSafetyRoute ? "in place (the harness's; removed by the last run to close)"
            : "already present (someone else's; left alone)");
  }

  /** Deletes the namespaces (killing what still runs in them), the root veth, the owner file, the safety route. */
  void teardown() {
    NetnsJanitor.teardown(layout.prefix, layout.namespaces(), true);
    try {
      Files.deleteIfExists(ownerFile);
    } catch (IOException e) {
      // best effort
    }
    NetnsJanitor.removeSafetyRouteIfLast();
  }
}
