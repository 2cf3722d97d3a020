package io.shoal.node;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of a storage node process. */
@Command(name = "shoal-node", mixinStandardHelpOptions = true, description = "Shoal storage node")
public final class NodeMain implements Callable<Integer> {
  @Option(names = "--id", required = true, description = "Node id, e.g. n1") String id;
  @Option(names = "--zone", required = true, description = "Zone label, e.g. a") String zone;
  @Option(names = "--host", defaultValue = "127.0.0.1") String host;
  @Option(names = "--raft-port", required = true) int raftPort;
  @Option(names = "--grpc-port", required = true) int grpcPort;
  @Option(names = "--data-dir", required = true) Path dataDir;
  @Option(names = "--meta-peers", required = true, split = ",") List<String> metaPeers;
  @Option(names = "--seeds", required = true, split = ",") List<String> seeds;
  @Option(names = "--groups", defaultValue = "6") int groups;
  @Option(names = "--min-nodes", defaultValue = "3") int minNodes;
  @Option(names = "--election-timeout-ms", defaultValue = "1000") int electionTimeoutMs;
  @Option(names = "--snapshot-interval-secs", defaultValue = "300") int snapshotIntervalSecs;
  @Option(names = "--unsafe-no-fsync", description = "Do not fsync the Raft log (loses acknowledged writes on "
      + "power loss; benchmarks only)") boolean noFsync;
  @Option(names = "--origin-id", defaultValue = "local") String originId;
  @Option(names = "--raft-log", defaultValue = "shared", description = "shared (one RocksDB for every group's "
      + "log, default) or per-group (jraft's own RocksDB per replica; for measurements)") String raftLog;
  @Option(names = "--stats-interval-secs", defaultValue = "30", description = "Seconds between per-table item "
      + "count/size scans of the groups this node leads (DescribeTable ItemCount, TableSizeBytes)")
  int statsIntervalSecs;
  @Option(names = "--http-port", defaultValue = "0", description = "Port on --host for GET /metrics (Prometheus), "
      + "/health and /ready; 0 (default) = no HTTP endpoint") int httpPort;

  @Override
  public Integer call() throws Exception {
    NodeConfig config = new NodeConfig(id, zone, host, raftPort, grpcPort, dataDir, metaPeers, seeds, groups,
        minNodes, electionTimeoutMs, snapshotIntervalSecs, !noFsync, originId, !"per-group".equals(raftLog),
        statsIntervalSecs, httpPort);
    ShoalNode node = new ShoalNode(config);
    try {
      node.start();
    } catch (Exception e) {
      // A failed start can leave jraft's non-daemon RPC threads behind: exit explicitly.
      e.printStackTrace();
      System.exit(1);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
