package io.shoal.node;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a storage node is started with. Immutable; validated once at start-up.
 *
 * @param id stable node id (e.g. n1); never reuse one for a different data directory
 * @param zone availability-zone label; a group's three replicas always sit in three distinct zones
 * @param host address this node advertises to peers, routers and the metadata group (its identity in every Raft
 *     group: it must stay the same across restarts, e.g. a DNS name such as a StatefulSet pod's, a network alias or
 *     a fixed IP; never 0.0.0.0)
 * @param raftPort jraft (Bolt) port shared by every group on the node
 * @param grpcPort gRPC port for routers, other nodes and the admin CLI
 * @param dataDir data directory: item store, Raft log store, Raft meta and snapshots
 * @param metaPeers Raft addresses (host:port) of the metadata group's replicas; a node listed here hosts one
 * @param seeds gRPC addresses used to find the metadata leader
 * @param groups number of data groups the placement creates when the cluster forms (only the leader's counts)
 * @param minNodes live nodes required before the partition map is created
 * @param electionTimeoutMs Raft election timeout in milliseconds
 * @param snapshotIntervalSecs seconds between Raft snapshots of each group
 * @param fsync fsync the Raft log before acknowledging writes (default true; false loses acknowledged writes on
 *     power loss and is only for throwaway benchmarks)
 * @param originId identity recorded on every item version (cluster id for last-writer-wins across clusters)
 * @param sharedRaftLog one RocksDB for all groups' Raft logs (default); false = jraft's log per replica
 * @param statsIntervalSecs seconds between scans that count items and bytes per table in the groups this node
 *     leads (DescribeTable's ItemCount and TableSizeBytes; default 30)
 * @param httpPort port of the operator HTTP endpoint (GET /metrics, /health, /ready); 0 = none
 * @param bindHost address the Raft, gRPC and HTTP endpoints listen on (0.0.0.0 for every interface, as in a
 *     container); null or blank = {@code host}
 * @param drainTimeoutMs on SIGTERM, how long the node may spend handing its leaderships to replicas in other zones
 *     before it stops anyway
 * @param readLease strongly consistent reads on a group's leader skip the heartbeat round while its leader lease
 *     holds (default {@link #DEFAULT_READ_LEASE}; docs/operations.md says what it assumes)
 * @param blockCacheMb size of the item store's RocksDB block cache (SST data, index and filter blocks), in MiB
 */
public record NodeConfig(
    String id,
    String zone,
    String host,
    int raftPort,
    int grpcPort,
    Path dataDir,
    List<String> metaPeers,
    List<String> seeds,
    int groups,
    int minNodes,
    int electionTimeoutMs,
    int snapshotIntervalSecs,
    boolean fsync,
    String originId,
    boolean sharedRaftLog,
    int statsIntervalSecs,
    int httpPort,
    String bindHost,
    int drainTimeoutMs,
    boolean readLease,
    int blockCacheMb) {

  /** Default of {@link #drainTimeoutMs}. */
  public static final int DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
  /** Default of {@link #readLease}. */
  public static final boolean DEFAULT_READ_LEASE = true;
  /** Default of {@link #blockCacheMb}. */
  public static final int DEFAULT_BLOCK_CACHE_MB = 128;

  /** Bind address = advertised address, default drain timeout, read lease and block cache. */
  public NodeConfig(String id, String zone, String host, int raftPort, int grpcPort, Path dataDir,
      List<String> metaPeers, List<String> seeds, int groups, int minNodes, int electionTimeoutMs,
      int snapshotIntervalSecs, boolean fsync, String originId, boolean sharedRaftLog, int statsIntervalSecs,
      int httpPort) {
    this(id, zone, host, raftPort, grpcPort, dataDir, metaPeers, seeds, groups, minNodes, electionTimeoutMs,
        snapshotIntervalSecs, fsync, originId, sharedRaftLog, statsIntervalSecs, httpPort, null,
        DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_READ_LEASE, DEFAULT_BLOCK_CACHE_MB);
  }

  /** A node without the operator HTTP endpoint (in-process tests). */
  public NodeConfig(String id, String zone, String host, int raftPort, int grpcPort, Path dataDir,
      List<String> metaPeers, List<String> seeds, int groups, int minNodes, int electionTimeoutMs,
      int snapshotIntervalSecs, boolean fsync, String originId, boolean sharedRaftLog, int statsIntervalSecs) {
    this(id, zone, host, raftPort, grpcPort, dataDir, metaPeers, seeds, groups, minNodes, electionTimeoutMs,
        snapshotIntervalSecs, fsync, originId, sharedRaftLog, statsIntervalSecs, 0);
  }

  /** The address the endpoints listen on. */
  public String listenHost() {
    return bindHost == null || bindHost.isBlank() ? host : bindHost;
  }

  public String raftAddress() {
    return host + ":" + raftPort;
  }

  public String grpcAddress() {
    return host + ":" + grpcPort;
  }

  public boolean hostsMeta() {
    return metaPeers.contains(raftAddress());
  }

  /** Throws IllegalArgumentException naming the first bad setting. */
  public NodeConfig validate() {
    require(id != null, "--id (SHOAL_NODE_ID) is required: a stable node id such as n1");
    require(host != null && !host.isBlank(), "--host (SHOAL_HOST) is required: the address peers reach this node at");
    require(!host.equals("0.0.0.0") && !host.equals("::"), "--host (SHOAL_HOST) is the address this node advertises "
        + "and cannot be a wildcard; to listen on every interface set --bind-host 0.0.0.0 (SHOAL_BIND_HOST)");
    require(dataDir != null, "--data-dir (SHOAL_DATA_DIR) is required");
    require(metaPeers != null && !metaPeers.isEmpty(), "--meta-peers (SHOAL_META_PEERS) is required");
    require(seeds != null, "--seeds (SHOAL_SEEDS) is required");
    require(id.matches("[A-Za-z0-9_.-]{1,64}"), "--id must be 1-64 characters of [A-Za-z0-9_.-]");
    require(zone != null && !zone.isBlank(), "--zone (SHOAL_ZONE) is required (an availability-zone label such as a, b, c)");
    require(validPort(raftPort), "--raft-port must be 1-65535");
    require(validPort(grpcPort), "--grpc-port must be 1-65535");
    require(raftPort != grpcPort, "--raft-port and --grpc-port must differ");
    require(httpPort == 0 || validPort(httpPort), "--http-port must be 1-65535 (or 0 for no HTTP endpoint)");
    require(httpPort == 0 || (httpPort != raftPort && httpPort != grpcPort),
        "--http-port must differ from --raft-port and --grpc-port");
    require(metaPeers.size() == 3 || metaPeers.size() == 5 || metaPeers.size() == 1,
        "--meta-peers must list 1, 3 or 5 Raft addresses");
    require(!seeds.isEmpty(), "--seeds must list at least one gRPC address of a metadata node");
    require(groups >= 1 && groups <= 1024, "--groups must be 1-1024");
    require(minNodes >= 3, "--min-nodes must be at least 3 (three replicas in three zones)");
    require(electionTimeoutMs >= 200, "--election-timeout-ms must be at least 200");
    require(snapshotIntervalSecs >= 1, "--snapshot-interval-secs must be at least 1");
    require(statsIntervalSecs >= 1, "--stats-interval-secs must be at least 1");
    require(drainTimeoutMs >= 0, "--drain-timeout-ms must be 0 or more");
    require(blockCacheMb >= 1 && blockCacheMb <= 1 << 20, "--block-cache-mb must be 1-1048576");
    return this;
  }

  private static boolean validPort(int p) {
    return p > 0 && p < 65536;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
