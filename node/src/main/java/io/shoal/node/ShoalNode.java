package io.shoal.node;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.shoal.core.hlc.HybridClock;
import io.shoal.node.changelog.ChangeLogTrimmer;
import io.shoal.node.cluster.GroupManager;
import io.shoal.node.cluster.Heartbeater;
import io.shoal.node.index.IndexCatalog;
import io.shoal.node.index.IndexShipper;
import io.shoal.node.index.IndexTargets;
import io.shoal.node.cluster.LeadershipDrain;
import io.shoal.node.cluster.LeaderBalancer;
import io.shoal.node.cluster.NodeDirectory;
import io.shoal.node.cluster.StatsReporter;
import io.shoal.node.health.NodeReadiness;
import io.shoal.node.health.ReadinessProbe;
import io.shoal.node.http.OpsHttpServer;
import io.shoal.node.meta.Liveness;
import io.shoal.node.meta.MetaState;
import io.shoal.node.meta.PlacementDriver;
import io.shoal.node.meta.TableDropper;
import io.shoal.node.meta.TableStatsBoard;
import io.shoal.node.metrics.NodeMetrics;
import io.shoal.node.raft.MetaReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.RaftSettings;
import io.shoal.node.raft.SharedLogStore;
import io.shoal.node.rpc.MetaRpc;
import io.shoal.node.rpc.DataPathExecutor;
import io.shoal.node.rpc.EncodedReads;
import io.shoal.node.rpc.NodeRpc;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.proto.NodeInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires a storage node together: stores, Raft host, gRPC services and the periodic cluster tasks. */
public final class ShoalNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShoalNode.class);
  private static final long HEARTBEAT_MS = 500;
  private static final long LIVENESS_TIMEOUT_MS = 3000;

  private final NodeConfig config;
  private final ChangeLogTrimmer.Schedule trimSchedule;
  private final RocksStorageEngine engine;
  private final SharedLogStore logs;
  private final RaftHost host;
  private final NodeDirectory directory = new NodeDirectory();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "shoal-cluster-tasks");
    t.setDaemon(true);
    return t;
  });
  private final java.util.concurrent.ExecutorService indexSenders = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "index-sender");
    t.setDaemon(true);
    return t;
  });
  /** gRPC methods off the data path (metadata, digests, drops, transfers), which may wait: see DataPathExecutor. */
  private final java.util.concurrent.ExecutorService rpcPool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "node-rpc");
    t.setDaemon(true);
    return t;
  });
  private Thread indexThread;
  private final ScheduledExecutorService statsScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "shoal-table-stats");
    t.setDaemon(true);
    return t;
  });
  private final NodeMetrics metrics;
  private Server grpc;
  private Supplier<NodeReadiness.Status> readiness = () -> new NodeReadiness.Status(false, "not started");
  private OpsHttpServer http;
  private volatile boolean draining;

  public ShoalNode(NodeConfig config) {
    this(config, ChangeLogTrimmer.Schedule.DEFAULT);
  }

  /** With a change-log trim schedule of its own (tests trim after every few records to exercise it). */
  public ShoalNode(NodeConfig config, ChangeLogTrimmer.Schedule trimSchedule) {
    this.trimSchedule = trimSchedule;
    this.config = config.validate();
    // One registry per node, not Micrometer's global one: tests run three nodes in one JVM.
    this.metrics = NodeMetrics.withJvmMetrics();
    this.engine = new RocksStorageEngine(config.dataDir().resolve("items"), (long) config.blockCacheMb() << 20);
    this.logs = new SharedLogStore(config.dataDir().resolve("raft-log"), config.fsync());
    this.host = new RaftHost(config.host(), config.listenHost(), config.raftPort(), config.dataDir().resolve("raft"),
        logs, new RaftSettings(config.electionTimeoutMs(), config.snapshotIntervalSecs(), config.fsync(),
            config.sharedRaftLog(), config.readLease()), metrics);
  }

  public void start() throws IOException {
    LongSupplierClock clock = System::currentTimeMillis;
    HybridClock hlc = new HybridClock(clock::millis);
    NodeInfo self = NodeInfo.newBuilder().setId(config.id()).setZone(config.zone())
        .setRaftAddress(config.raftAddress()).setGrpcAddress(config.grpcAddress()).build();
    host.start();
    GroupManager groups = new GroupManager(config.id(), config.dataDir(), host, engine, directory);
    groups.startSaved();

    NettyServerBuilder sb = DataPathExecutor.install(
            NettyServerBuilder.forAddress(new InetSocketAddress(config.listenHost(), config.grpcPort())),
            new DataPathExecutor(rpcPool))
        .intercept(metrics.rpcInterceptor())
        .addService(EncodedReads.bind(
            new NodeRpc(config.id(), config.originId(), host, groups, directory, hlc, ackBeforeCommit())));
    if (config.hostsMeta()) {
      MetaReplica meta = host.startMetaGroup(config.metaPeers(), new MetaState());
      Liveness liveness = new Liveness(clock::millis, LIVENESS_TIMEOUT_MS);
      TableDropper dropper = new TableDropper(scheduler, liveness, directory);
      sb.addService(new MetaRpc(meta, directory, liveness, dropper, new TableStatsBoard(), clock::millis));
      PlacementDriver placement = new PlacementDriver(meta, liveness, config.groups(), config.minNodes());
      every(HEARTBEAT_MS, placement::tick);
    }
    grpc = sb.build().start();

    StatsReporter stats = new StatsReporter(host);
    IndexCatalog indexCatalog = new IndexCatalog();
    IndexShipper shipper = new IndexShipper(host, indexCatalog, new IndexTargets(groups::map, directory, indexSenders),
        clock::millis);
    Heartbeater heartbeater = new Heartbeater(self, config.seeds(), host, groups, directory, stats, indexCatalog,
        shipper::progress);
    metrics.watchIndexes(shipper::progress);
    indexThread = new Thread(shipper::runLoop, "index-shipper");
    indexThread.setDaemon(true);
    indexThread.start();
    LeaderBalancer balancer = new LeaderBalancer(config.id(), host, groups, directory, clock::millis, 3000);
    every(HEARTBEAT_MS, heartbeater::tick);
    every(2000, balancer::tick);
    every(trimSchedule.everyMs(), new ChangeLogTrimmer(host, indexCatalog, trimSchedule.minRecords())::tick);
    ReadinessProbe probe = new ReadinessProbe(heartbeater, groups, host);
    readiness = () -> draining ? new NodeReadiness.Status(false, "draining (stopping)") : probe.get();
    metrics.watchRaft(host);
    metrics.watchRocksDb("items", engine::longProperty);
    metrics.watchRocksDb("raft_log", logs::longProperty);
    metrics.watchReadiness(() -> readiness.get().ready());
    if (config.httpPort() != 0) {
      http = new OpsHttpServer(config.listenHost(), config.httpPort(), metrics::scrape, readiness);
    }
    // Its own thread: a long scan must not delay heartbeats.
    statsScheduler.scheduleWithFixedDelay(() -> {
      try {
        stats.tick();
      } catch (RuntimeException e) {
        LOG.warn("table statistics scan failed", e);
      }
    }, 0, config.statsIntervalSecs(), TimeUnit.SECONDS);
    LOG.info("node {} (zone {}) serving: raft {}, grpc {}, http {} (listening on {})", config.id(), config.zone(),
        config.raftAddress(), config.grpcAddress(), http == null ? "off" : config.host() + ":" + http.port(),
        config.listenHost());
  }

  /** The node's meters (for tests and diagnostics). */
  public NodeMetrics metrics() {
    return metrics;
  }

  /** The readiness rule's current answer, as GET /ready reports it. */
  public NodeReadiness.Status readiness() {
    return readiness.get();
  }

  /** The bound port of the operator HTTP endpoint, or -1 without one. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  /** The node's Raft groups (for tests and diagnostics). */
  public RaftHost raftHost() {
    return host;
  }

  private void every(long millis, Runnable task) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("periodic task failed", e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * The graceful half of a stop (SIGTERM): /ready turns 503 so load balancers and orchestrators stop counting on
   * this node, every leadership moves to a replica in another zone ({@link LeadershipDrain}), and in-flight gRPC
   * calls get a moment to finish. Call {@link #close()} afterwards. Takes at most about
   * {@link NodeConfig#drainTimeoutMs()} plus two seconds.
   *
   * @return groups this node still led when the drain gave up (empty on a clean drain)
   */
  public List<String> drain() {
    draining = true;
    long t0 = System.nanoTime();
    List<String> left = List.of();
    LeadershipDrain drain = new LeadershipDrain(host, directory, config.zone(), System::currentTimeMillis,
        config.electionTimeoutMs());
    List<String> led = drain.led().stream().map(r -> r.groupName()).toList();
    try {
      left = drain.run(config.drainTimeoutMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // No new calls from here on; calls already running (a follower answering NOT_LEADER, a digest) may finish.
    if (grpc != null) {
      grpc.shutdown();
      try {
        grpc.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.info("node {} drained in {} ms: handed off {} leaderships {}{}", config.id(),
        (System.nanoTime() - t0) / 1_000_000, led.size() - left.size(), led,
        left.isEmpty() ? "" : ", still leading " + left);
    return left;
  }

  /** True once {@link #drain()} started. */
  public boolean draining() {
    return draining;
  }

  @Override
  public void close() {
    // First: a scrape must not read the RocksDB stores or Raft nodes while they close.
    if (http != null) {
      http.close();
    }
    scheduler.shutdownNow();
    statsScheduler.shutdownNow();
    if (indexThread != null) {
      indexThread.interrupt();
    }
    indexSenders.shutdownNow();
    if (grpc != null) {
      grpc.shutdownNow();
    }
    rpcPool.shutdownNow();
    // The Raft groups, with their snapshot exports, before the item store they read: a snapshot export still
    // reading a closed store would use freed native memory and could crash the JVM.
    host.close();
    directory.close();
    engine.close();
    logs.close();
  }

  /** Wall-clock time, injectable for tests. */
  @FunctionalInterface
  public interface LongSupplierClock {
    long millis();
  }

  /**
   * The chaos suite's deliberately broken build (system property {@code shoal.testOnly.ackBeforeCommit=true}):
   * writes are acknowledged before they are committed, so the drills can show their checkers catch lost writes. A
   * JVM property rather than a flag keeps it out of every operator-facing surface.
   */
  private static boolean ackBeforeCommit() {
    boolean broken = Boolean.getBoolean("shoal.testOnly.ackBeforeCommit");
    if (broken) {
      LOG.warn("shoal.testOnly.ackBeforeCommit is set: this node ACKNOWLEDGES WRITES BEFORE COMMIT (test-only "
          + "broken mode; acknowledged writes can be lost)");
    }
    return broken;
  }
}
