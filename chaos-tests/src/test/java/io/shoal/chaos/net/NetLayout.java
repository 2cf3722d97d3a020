package io.shoal.chaos.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Names and addresses of one cluster run; creates nothing. Namespaced: prefix {@code shx<R>}, hub namespace
 * {@code <prefix>-hub} with the router on 198.19.R.2:8000, the test JVM's veth end 198.19.R.1, node i in
 * namespace {@code <prefix>-n<i>} at 198.19.R.(10+i) on the fixed Raft/gRPC ports (private to the namespace).
 * Loopback: everything on 127.0.0.1 with ephemeral ports (never the fixed ones other suites use).
 */
final class NetLayout {
  static final int RAFT_PORT = 7101;
  static final int GRPC_PORT = 7201;
  static final int ROUTER_PORT = 8000;
  static final List<String> ZONES = List.of("a", "b", "c");

  final boolean netns;
  final int octet;
  final String prefix;
  /** Hub namespace (router and bridge); null on loopback. */
  final String hubNs;
  final String routerIp;
  final int routerPort;
  final String rootIp;
  final String rootVeth;
  final Path logDir;
  final Map<String, NetNode> nodes = new LinkedHashMap<>();

  private NetLayout(int nodeCount, Path workDir, int octet, IntSupplier freePort) {
    this.netns = octet >= 0;
    this.octet = octet;
    this.prefix = netns ? HubNetwork.NAME_PREFIX + octet : "loopback-" + ProcessHandle.current().pid() + "-"
        + Long.toString(System.nanoTime() % 100000);
    this.hubNs = netns ? prefix + "-hub" : null;
    this.routerIp = netns ? net(2) : "127.0.0.1";
    this.routerPort = netns ? ROUTER_PORT : freePort.getAsInt();
    this.rootIp = net(1);
    this.rootVeth = prefix + "-r";
    // One directory per run (the octet may repeat across runs): logs of earlier runs stay, data never leaks in.
    this.logDir = workDir.resolve(prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
        "yyyyMMdd-HHmmss")));
    for (int i = 1; i <= nodeCount; i++) {
      String id = "n" + i;
      String zone = ZONES.get((i - 1) % ZONES.size());
      Path log = logDir.resolve(id + ".log");
      nodes.put(id, netns
          ? new NetNode(id, zone, prefix + "-" + id, net(10 + i), prefix + "-" + id, RAFT_PORT, GRPC_PORT, log)
          : new NetNode(id, zone, null, "127.0.0.1", null, freePort.getAsInt(), freePort.getAsInt(), log));
    }
  }

  /** A namespaced run in 198.19.{@code octet}.0/24. */
  static NetLayout namespaced(int nodeCount, Path workDir, int octet) {
    if (octet < 0 || octet > 255) {
      throw new IllegalArgumentException("octet " + octet);
    }
    return new NetLayout(nodeCount, workDir, octet, () -> {
      throw new AssertionError("namespaced layouts use fixed ports");
    });
  }

  static NetLayout loopback(int nodeCount, Path workDir) {
    return new NetLayout(nodeCount, workDir, -1, NetLayout::freePort);
  }

  /** An ephemeral port on 127.0.0.1 (never the fixed 7101-7303/8000 other suites use). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String net(int host) {
    return "198.19." + octet + "." + host;
  }

  /** Every namespace of the run (hub first); empty on loopback. */
  List<String> namespaces() {
    if (!netns) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    out.add(hubNs);
    nodes.values().forEach(n -> out.add(n.ns));
    return out;
  }

  String metaPeers() {
    return nodes.values().stream().map(NetNode::raftAddress).collect(Collectors.joining(","));
  }

  List<String> seeds() {
    return nodes.values().stream().map(NetNode::grpcAddress).toList();
  }

  NetNode node(String id) {
    NetNode n = nodes.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id + " in " + nodes.keySet());
    }
    return n;
  }
}
