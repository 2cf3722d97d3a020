package io.shoal.admin.local;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ports and zones of a local cluster.
 *
 * <p>Node i (1-based) is {@code n<i>} with Raft port 7100+i, gRPC port 7200+i, HTTP port 7300+i
 * (metrics, health, readiness) and zone a, b, c round robin. The first three nodes form the metadata
 * group: their Raft addresses are the meta peers, their gRPC addresses the seeds every other process
 * bootstraps from. A layout read back from cluster.json
 * keeps whatever ports were recorded, so a restart never moves a node.
 */
public record ClusterLayout(String host, List<NodeSlot> nodes, int groups, int routerPort) {

  public static final String HOST = "127.0.0.1";
  public static final int RAFT_PORT_BASE = 7100;
  public static final int GRPC_PORT_BASE = 7200;
  public static final int HTTP_PORT_BASE = 7300;
  public static final int DEFAULT_NODES = 3;
  /**
   * Nodes per data group when {@code --groups} is not given: with a multiple of 3 nodes, every node hosts one replica
   * of one group.
   *
   * <p>Why so few: a local cluster's processes share one machine's cores, so more groups add no CPU, only per-group
   * costs. jraft pays its thread hand-offs, replication messages and fsync per batch of a group, and the batches of
   * a group grow with the writes in flight on it. With 16 clients, one group did 1,206–1,416 PutItem/s against
   * 295–441 with 6 groups and 377 with 3 (docs/performance.md, "Fourth session").
   */
  public static final int NODES_PER_DEFAULT_GROUP = 3;
  public static final int DEFAULT_ROUTER_PORT = 8000;
  /** Ports are 7100+i, 7200+i and 7300+i: more than 99 nodes would collide. */
  public static final int MAX_NODES = 99;
  public static final int META_GROUP_SIZE = 3;
  private static final String[] ZONES = {"a", "b", "c"};

  public ClusterLayout {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    if (groups < 1) {
      throw new IllegalArgumentException("--groups must be at least 1, got " + groups);
    }
    if (routerPort < 1 || routerPort > 65535) {
      throw new IllegalArgumentException("--port must be in 1..65535, got " + routerPort);
    }
    for (NodeSlot n : nodes) {
      if (n.raftPort() == routerPort || n.grpcPort() == routerPort || n.httpPort() == routerPort) {
        throw new IllegalArgumentException(
            "--port " + routerPort + " collides with a port of node " + n.id());
      }
    }
  }

  /** The data groups of a new local cluster of {@code nodeCount} nodes when none are asked for. */
  public static int defaultGroups(int nodeCount) {
    return Math.max(1, nodeCount / NODES_PER_DEFAULT_GROUP);
  }

  /** The standard layout of {@code nodeCount} nodes. */
  public static ClusterLayout standard(int nodeCount, int groups, int routerPort) {
    return standard(nodeCount, groups, routerPort, 0);
  }

  /**
   * The standard layout with every node port shifted by {@code portOffset}, so that tests can run a
   * cluster beside one on the standard ports.
   */
  public static ClusterLayout standard(int nodeCount, int groups, int routerPort, int portOffset) {
    checkNodeCount(nodeCount);
    List<NodeSlot> nodes = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      nodes.add(slot(i, portOffset));
    }
    return new ClusterLayout(HOST, nodes, groups, routerPort);
  }

  /** Node i (1-based) of the standard layout. */
  public static NodeSlot slot(int i) {
    return slot(i, 0);
  }

  public static NodeSlot slot(int i, int portOffset) {
    checkNodeCount(i);
    if (portOffset < 0 || HTTP_PORT_BASE + MAX_NODES + portOffset > 65535) {
      throw new IllegalArgumentException("port offset out of range: " + portOffset);
    }
    return new NodeSlot("n" + i, ZONES[(i - 1) % ZONES.length], HOST,
        RAFT_PORT_BASE + portOffset + i, GRPC_PORT_BASE + portOffset + i, HTTP_PORT_BASE + portOffset + i);
  }

  /**
   * The HTTP port of a node recorded before nodes had one (cluster.json without it): the standard 7300+i
   * under the same offset as its Raft port, so an existing cluster gains the endpoint on its next start.
   */
  public static int derivedHttpPort(int raftPort) {
    return raftPort - RAFT_PORT_BASE + HTTP_PORT_BASE;
  }

  /** This layout with standard slots appended until it has {@code nodeCount} nodes. */
  public ClusterLayout withNodeCount(int nodeCount) {
    if (nodeCount < nodes.size()) {
      throw new IllegalArgumentException("the cluster has " + nodes.size() + " nodes; --nodes "
          + nodeCount + " cannot remove nodes (stop one with kill-node instead)");
    }
    checkNodeCount(nodeCount);
    // New nodes follow the recorded ones' port offset (0 unless the cluster was made with one).
    int offset = Math.max(0, nodes.get(0).raftPort() - RAFT_PORT_BASE - 1);
    List<NodeSlot> grown = new ArrayList<>(nodes);
    for (int i = nodes.size() + 1; i <= nodeCount; i++) {
      grown.add(slot(i, offset));
    }
    return new ClusterLayout(host, grown, groups, routerPort);
  }

  public ClusterLayout withRouterPort(int port) {
    return new ClusterLayout(host, nodes, groups, port);
  }

  public List<NodeSlot> metaNodes() {
    return nodes.subList(0, Math.min(META_GROUP_SIZE, nodes.size()));
  }

  /** Comma-separated Raft addresses of the metadata group, as passed to {@code --meta-peers}. */
  public String metaPeers() {
    return metaNodes().stream().map(NodeSlot::raftAddress).collect(Collectors.joining(","));
  }

  /** gRPC addresses of the metadata group: where routers, nodes and this CLI ask for the cluster view. */
  public List<String> seeds() {
    return metaNodes().stream().map(NodeSlot::grpcAddress).toList();
  }

  public String seedList() {
    return String.join(",", seeds());
  }

  private static void checkNodeCount(int n) {
    if (n < 1 || n > MAX_NODES) {
      throw new IllegalArgumentException("--nodes must be in 1.." + MAX_NODES + ", got " + n);
    }
  }
}
