package io.shoal.node;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of a storage node process. Every flag can also come from an environment variable (named in its
 * description; a flag wins over the variable), so one container image and one systemd unit serve every node:
 * docs/operations.md#configuration-reference lists them all.
 */
@Command(name = "shoal-node", mixinStandardHelpOptions = true, description = "Shoal storage node",
    showDefaultValues = true)
public final class NodeMain implements Callable<Integer> {
  @Option(names = "--id", defaultValue = "${env:SHOAL_NODE_ID}", description = "SHOAL_NODE_ID. Stable node id, "
      + "e.g. n1 (required)") String id;
  @Option(names = "--zone", defaultValue = "${env:SHOAL_ZONE}", description = "SHOAL_ZONE. Zone label, e.g. a "
      + "(required)") String zone;
  @Option(names = "--host", defaultValue = "${env:SHOAL_HOST:-127.0.0.1}", description = "SHOAL_HOST. Address "
      + "advertised to peers and routers (the node's identity in its Raft groups: a stable DNS name or IP)")
  String host;
  @Option(names = "--bind-host", defaultValue = "${env:SHOAL_BIND_HOST}", description = "SHOAL_BIND_HOST. Address "
      + "the Raft, gRPC and HTTP endpoints listen on (e.g. 0.0.0.0 in a container); default: --host") String bindHost;
  @Option(names = "--raft-port", defaultValue = "${env:SHOAL_RAFT_PORT:-7101}", description = "SHOAL_RAFT_PORT")
  int raftPort;
  @Option(names = "--grpc-port", defaultValue = "${env:SHOAL_GRPC_PORT:-7201}", description = "SHOAL_GRPC_PORT")
  int grpcPort;
  @Option(names = "--data-dir", defaultValue = "${env:SHOAL_DATA_DIR}", description = "SHOAL_DATA_DIR (required)")
  Path dataDir;
  @Option(names = "--meta-peers", defaultValue = "${env:SHOAL_META_PEERS}", split = ",", description =
      "SHOAL_META_PEERS. Raft addresses of the metadata replicas (required)") List<String> metaPeers;
  @Option(names = "--seeds", defaultValue = "${env:SHOAL_SEEDS}", split = ",", description = "SHOAL_SEEDS. gRPC "
      + "addresses of metadata nodes (required)") List<String> seeds;
  @Option(names = "--groups", defaultValue = "${env:SHOAL_GROUPS:-6}", description = "SHOAL_GROUPS") int groups;
  @Option(names = "--min-nodes", defaultValue = "${env:SHOAL_MIN_NODES:-3}", description = "SHOAL_MIN_NODES")
  int minNodes;
  @Option(names = "--election-timeout-ms", defaultValue = "${env:SHOAL_ELECTION_TIMEOUT_MS:-1000}",
      description = "SHOAL_ELECTION_TIMEOUT_MS") int electionTimeoutMs;
  @Option(names = "--snapshot-interval-secs", defaultValue = "${env:SHOAL_SNAPSHOT_INTERVAL_SECS:-300}",
      description = "SHOAL_SNAPSHOT_INTERVAL_SECS") int snapshotIntervalSecs;
  @Option(names = "--unsafe-no-fsync", defaultValue = "${env:SHOAL_UNSAFE_NO_FSYNC:-false}", description =
      "SHOAL_UNSAFE_NO_FSYNC. Do not fsync the Raft log (loses acknowledged writes on power loss; benchmarks only)")
  boolean noFsync;
  @Option(names = "--origin-id", defaultValue = "${env:SHOAL_ORIGIN_ID:-local}", description = "SHOAL_ORIGIN_ID")
  String originId;
  @Option(names = "--raft-log", defaultValue = "${env:SHOAL_RAFT_LOG:-shared}", description = "SHOAL_RAFT_LOG. "
      + "shared (one RocksDB for every group's log, default) or per-group (jraft's own RocksDB per replica; for "
      + "measurements)") String raftLog;
  @Option(names = "--stats-interval-secs", defaultValue = "${env:SHOAL_STATS_INTERVAL_SECS:-30}", description =
      "SHOAL_STATS_INTERVAL_SECS. Seconds between per-table item count/size scans of the groups this node leads "
      + "(DescribeTable ItemCount, TableSizeBytes)") int statsIntervalSecs;
  @Option(names = "--http-port", defaultValue = "${env:SHOAL_HTTP_PORT:-0}", description = "SHOAL_HTTP_PORT. Port "
      + "for GET /metrics (Prometheus), /health and /ready; 0 = no HTTP endpoint") int httpPort;
  @Option(names = "--drain-timeout-ms", defaultValue = "${env:SHOAL_DRAIN_TIMEOUT_MS:-10000}", description =
      "SHOAL_DRAIN_TIMEOUT_MS. On SIGTERM, the longest time spent handing leaderships to other zones before "
      + "stopping") int drainTimeoutMs;
  @Option(names = "--read-lease", negatable = true, defaultValue = "${env:SHOAL_READ_LEASE:-true}", fallbackValue =
      "true", description = "SHOAL_READ_LEASE. On by default: a group leader answers strongly consistent reads from "
      + "its leader lease (90% of the election timeout from the last read round a majority answered) instead of a "
      + "heartbeat round per batch of reads; --no-read-lease always takes the round (docs/operations.md)")
  boolean readLease;
  @Option(names = "--block-cache-mb", defaultValue = "${env:SHOAL_BLOCK_CACHE_MB:-128}", description =
      "SHOAL_BLOCK_CACHE_MB. MiB of RocksDB block cache for the item store (SST data, index and bloom filter blocks)")
  int blockCacheMb;

  NodeConfig config() {
    return new NodeConfig(id, zone, host, raftPort, grpcPort, dataDir, metaPeers == null ? List.of() : metaPeers,
        seeds == null ? List.of() : seeds, groups, minNodes, electionTimeoutMs, snapshotIntervalSecs, !noFsync,
        originId, !"per-group".equals(raftLog), statsIntervalSecs, httpPort, bindHost, drainTimeoutMs,
        readLease, blockCacheMb);
  }

  @Override
  public Integer call() throws Exception {
    NodeConfig config;
    try {
      config = config().validate();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    ShoalNode node = new ShoalNode(config);
    try {
      node.start();
    } catch (Exception e) {
      // A failed start can leave jraft's non-daemon RPC threads behind: exit explicitly.
      e.printStackTrace();
      System.exit(1);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (docker stop, systemctl stop, a Kubernetes pod deletion): drain, then stop. SIGKILL skips all this,
    // which costs the groups this node led one election and loses nothing acknowledged.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.drain();
      node.close();
      stopped.countDown();
    }, "shoal-node-shutdown"));
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    int code = new CommandLine(new NodeMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
