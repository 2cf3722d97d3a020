package io.shoal.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.MetaReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.RaftObserver;
import io.shoal.node.raft.Replica;
import io.shoal.core.metrics.JvmMeters;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

/**
 * The node's meters. Micrometer names ({@code shoal.raft.leader.changes}) become Prometheus names with unit and
 * {@code _total} suffixes ({@code shoal_raft_leader_changes_total}); see docs/operations.md for the list.
 */
public final class NodeMetrics implements RaftObserver {
  /** Apply batches: 1 entry under light load, up to jraft's apply batch (32) and beyond when catching up. */
  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
  /** Apply of one batch: a RocksDB write batch without fsync, normally well under a millisecond. */
  private static final Duration[] APPLY_BUCKETS = {
      Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
      Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

  /** RocksDB properties exported per store, with the Prometheus-friendly name each becomes. */
  private static final Map<String, String> ROCKS_PROPERTIES = Map.of(
      "rocksdb.estimate-num-keys", "shoal.rocksdb.estimate.num.keys",
      "rocksdb.total-sst-files-size", "shoal.rocksdb.sst.files.size",
      "rocksdb.cur-size-all-mem-tables", "shoal.rocksdb.memtables.size",
      "rocksdb.block-cache-usage", "shoal.rocksdb.block.cache.usage",
      "rocksdb.estimate-pending-compaction-bytes", "shoal.rocksdb.pending.compaction.size");
  private static final Set<String> ROCKS_COUNTS = Set.of("rocksdb.estimate-num-keys");

  private final PrometheusMeterRegistry registry;
  private final Map<String, Counter> leaderChanges = new ConcurrentHashMap<>();
  private final Set<String> lagGauges = ConcurrentHashMap.newKeySet();
  private final DistributionSummary applyBatch;
  private final Timer applyDuration;
  private volatile RaftHost host;

  /** Meters in a fresh registry, without JVM metrics (tests). */
  public NodeMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public NodeMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    applyBatch = DistributionSummary.builder("shoal.raft.apply.batch").baseUnit("entries")
        .serviceLevelObjectives(BATCH_BUCKETS)
        .description("Committed entries applied to a data group's state machine in one batch").register(registry);
    applyDuration = Timer.builder("shoal.raft.apply.duration").serviceLevelObjectives(APPLY_BUCKETS)
        .description("Time to apply one batch of committed entries to a data group").register(registry);
  }

  /** The node's meters: these plus JVM memory, GC, threads, class loading, CPU and uptime. */
  public static NodeMetrics withJvmMetrics() {
    NodeMetrics m = new NodeMetrics();
    JvmMeters.bindTo(m.registry);
    return m;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in Prometheus text format 0.0.4; first adds the apply-lag gauges of groups started meanwhile. */
  public String scrape() {
    registerGroupGauges();
    refreshIndexGauges();
    return registry.scrape();
  }

  private volatile java.util.function.Supplier<java.util.List<io.shoal.proto.IndexProgress>> indexProgress;
  private io.micrometer.core.instrument.MultiGauge indexRecords;
  private io.micrometer.core.instrument.MultiGauge indexSeconds;

  /**
   * GSI replication lag of the indexes this node ships (as leader of their base groups), per index and group:
   * change-log records not yet shipped and the age of the oldest unshipped record of the index's table.
   */
  public void watchIndexes(java.util.function.Supplier<java.util.List<io.shoal.proto.IndexProgress>> progress) {
    indexProgress = progress;
    indexRecords = io.micrometer.core.instrument.MultiGauge.builder("shoal.index.lag.records").baseUnit("records")
        .description("Change-log records of a base group not yet shipped to a global secondary index")
        .register(registry);
    indexSeconds = io.micrometer.core.instrument.MultiGauge.builder("shoal.index.lag").baseUnit("seconds")
        .description("Age of the oldest base write not yet shipped to a global secondary index")
        .register(registry);
  }

  private void refreshIndexGauges() {
    var source = indexProgress;
    if (source == null) {
      return;
    }
    var rowsRecords = new java.util.ArrayList<io.micrometer.core.instrument.MultiGauge.Row<?>>();
    var rowsSeconds = new java.util.ArrayList<io.micrometer.core.instrument.MultiGauge.Row<?>>();
    for (io.shoal.proto.IndexProgress p : source.get()) {
      var tags = io.micrometer.core.instrument.Tags.of("index_id", Long.toString(p.getIndexId()), "group",
          "g" + p.getGroupId());
      rowsRecords.add(io.micrometer.core.instrument.MultiGauge.Row.of(tags, p.getRecordsBehind()));
      rowsSeconds.add(io.micrometer.core.instrument.MultiGauge.Row.of(tags, p.getMillisBehind() / 1000.0));
    }
    indexRecords.register(rowsRecords, true);
    indexSeconds.register(rowsSeconds, true);
  }

  /** A gRPC server interceptor counting and timing every call by service, method and outcome. */
  public RpcMetricsInterceptor rpcInterceptor() {
    return new RpcMetricsInterceptor(registry);
  }

  @Override
  public void leaderChanged(String group, boolean self) {
    leaderChanges.computeIfAbsent(group, g -> Counter.builder("shoal.raft.leader.changes").tag("group", g)
        .description("New leaders this replica saw (became leader or started following one), per Raft group")
        .register(registry)).increment();
  }

  @Override
  public void applied(String group, int entries, long nanos) {
    applyBatch.record(entries);
    applyDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Gauges over the node's Raft groups: how many it hosts and leads, and how far each lags its commit index. */
  public void watchRaft(RaftHost raftHost) {
    this.host = raftHost;
    Gauge.builder("shoal.raft.groups.hosted", () -> count(raftHost, false))
        .description("Data group replicas running on this node").register(registry);
    Gauge.builder("shoal.raft.groups.led", () -> count(raftHost, true))
        .description("Data groups this node leads").register(registry);
    Gauge.builder("shoal.raft.meta.leader", () -> {
      MetaReplica m = raftHost.metaReplica();
      return m == null ? -1 : m.isLeader() ? 1 : 0;
    }).description("1 if this node leads the metadata group, 0 if it follows, -1 if it hosts no metadata replica")
        .register(registry);
    Gauge.builder("shoal.raft.apply.lag.max", () -> {
      long max = 0;
      for (Replica<?> r : raftHost.replicas().values()) {
        max = Math.max(max, lag(r));
      }
      return max;
    }).baseUnit("entries").description("Largest commit-minus-applied index over this node's Raft groups")
        .register(registry);
    registerGroupGauges();
  }

  /**
   * Per-group apply lag, registered when a group first shows up. The group label is bounded by configuration: a
   * node hosts at most the cluster's group count (--groups) plus the metadata group.
   */
  private void registerGroupGauges() {
    RaftHost h = host;
    if (h == null) {
      return;
    }
    for (String name : h.replicas().keySet()) {
      if (lagGauges.add(name)) {
        Gauge.builder("shoal.raft.apply.lag", () -> {
          Replica<?> r = h.replicas().get(name);
          return r == null ? Double.NaN : lag(r);
        }).tag("group", name).baseUnit("entries")
            .description("Committed minus applied log index of this node's replica of the group")
            .register(registry);
      }
    }
  }

  /** Gauges over one RocksDB store's properties; {@code store} is a fixed label such as "items" or "raft_log". */
  public void watchRocksDb(String store, ToLongFunction<String> property) {
    ROCKS_PROPERTIES.forEach((prop, name) -> {
      Gauge.Builder<?> b = Gauge.builder(name, () -> property.applyAsLong(prop)).tag("store", store)
          .description("RocksDB property " + prop + " (-1 when unavailable)");
      if (!ROCKS_COUNTS.contains(prop)) {
        b.baseUnit("bytes");
      }
      b.register(registry);
    });
  }

  /** 1 while the node is ready (the same rule as GET /ready), else 0: readiness history on dashboards. */
  public void watchReadiness(BooleanSupplier ready) {
    Gauge.builder("shoal.node.ready", () -> ready.getAsBoolean() ? 1 : 0)
        .description("1 when the node passes its readiness rule (GET /ready), else 0").register(registry);
  }

  private static long lag(Replica<?> r) {
    return Math.max(0, r.committedIndex() - r.appliedIndex());
  }

  private static int count(RaftHost h, boolean ledOnly) {
    int n = 0;
    for (Replica<?> r : h.replicas().values()) {
      if (r instanceof DataReplica && (!ledOnly || r.isLeader())) {
        n++;
      }
    }
    return n;
  }
}
