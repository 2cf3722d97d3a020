package io.shoal.admin.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.check.LinearizabilityChecker;
import io.shoal.admin.check.LinearizabilityResult;
import io.shoal.admin.check.Op;
import io.shoal.admin.check.ReplicaAgreement;
import io.shoal.admin.check.SetChecker;
import io.shoal.admin.check.SetResult;
import io.shoal.admin.local.LocalCluster;
import io.shoal.proto.ClusterView;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What every drill shares: a fresh table, the recorded {@link Workload} against it, a {@link ClusterWatch}, waiting
 * for leaders, and at the end the three checks ({@link Checks}). A drill opens a session, starts the load, does its
 * fault, and calls {@link #finish()}.
 */
final class DrillSession implements AutoCloseable {
  private final LocalCluster cluster;
  private final DynamoHttp http;
  private final String table;
  private final ClusterWatch watch;
  private final Workload load;
  private final LongSupplier nanos;
  private long tableId = -1;

  private DrillSession(LocalCluster cluster, String table, int clients, long seed, LongSupplier nanos) {
    this.cluster = cluster;
    this.http = new DynamoHttp(cluster.endpoint(), Duration.ofSeconds(5));
    this.table = table;
    this.watch = new ClusterWatch(cluster.seeds());
    this.load = new Workload(http, table, clients, 4, seed);
    this.nanos = nanos;
  }

  /** Creates the drill's table and prints the report's first line. */
  static DrillSession open(String drill, LocalCluster cluster, int clients, long seed, PrintWriter out,
      LongSupplier nanos) throws IOException, InterruptedException {
    String table = "shoal_drill_" + Long.toHexString(seed);
    DrillSession s = new DrillSession(cluster, table, clients, seed, nanos);
    try {
      s.createTable();
      out.printf("drill %s: seed %d, %d clients, table %s%n", drill, seed, clients, table);
      s.tableId = s.watch.tableId(table);
      return s;
    } catch (IOException | InterruptedException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  ClusterWatch watch() {
    return watch;
  }

  LocalCluster cluster() {
    return cluster;
  }

  /** Starts the load and lets it run for {@code warmUp}. */
  void startLoad(Duration warmUp) throws InterruptedException {
    load.start();
    Thread.sleep(warmUp.toMillis());
  }

  /** The current view, or a failure saying no metadata leader answered. */
  ClusterView view() {
    return watch.view().orElseThrow(() -> new IllegalStateException("no cluster view: no metadata leader answered"));
  }

  /**
   * Seconds from {@code since} until the view shows a leader for every group, none of them on {@code excluded}
   * nodes; infinity after {@code timeout}.
   */
  double waitForLeaders(Set<String> excluded, long since, Duration timeout) throws InterruptedException {
    long deadline = since + timeout.toNanos();
    while (nanos.getAsLong() < deadline) {
      var view = watch.view();
      if (view.isPresent()) {
        Map<Integer, String> leaders = ClusterWatch.leaders(view.get());
        boolean all = view.get().getPartitionMap().getGroupsList().stream()
            .allMatch(g -> leaders.containsKey(g.getId()) && !excluded.contains(leaders.get(g.getId())));
        if (all) {
          return (nanos.getAsLong() - since) / 1e9;
        }
      }
      Thread.sleep(50);
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Longest gap between acknowledged writes per group after {@code since} (seconds), over the history so far. */
  Map<Integer, Double> writeGaps(List<Op> history, long since) {
    ClusterView v = view();
    return WriteGaps.after(history, since, k -> ClusterWatch.groupOf(v, tableId, k));
  }

  /** Stops the load and runs the set, linearizability and replica-agreement checks on what it recorded. */
  Checks finish() throws IOException, InterruptedException {
    load.stop();
    List<Op> history = load.history();
    SetResult set = SetChecker.check(history.stream().filter(Workload::isSetPut).collect(Collectors.toList()),
        presentKeys());
    LinearizabilityResult lin = LinearizabilityChecker.register().check(history.stream()
        .filter(op -> op.key().startsWith(Workload.REGISTER_PREFIX)).collect(Collectors.toList()));
    Map<String, Long> errors = new TreeMap<>();
    load.errors().forEach((k, v) -> errors.put(k, v.sum()));
    return new Checks(history, errors, set, lin, waitForAgreement());
  }

  private ReplicaAgreement.Report waitForAgreement() throws InterruptedException {
    ReplicaAgreement.Report last = null;
    for (int i = 0; i < 120; i++) {
      var view = watch.view();
      if (view.isPresent()) {
        last = watch.digests(view.get());
        boolean complete = last.groups().values().stream().allMatch(g -> g.replicas().size() == 3);
        if (complete && (last.allAgree() || !last.disagreeing().isEmpty())) {
          return last;
        }
      }
      Thread.sleep(500);
    }
    return last;
  }

  private void createTable() throws IOException, InterruptedException {
    ObjectNode req = DynamoHttp.JSON.createObjectNode().put("TableName", table).put("BillingMode", "PAY_PER_REQUEST");
    req.putArray("AttributeDefinitions").addObject().put("AttributeName", "pk").put("AttributeType", "S");
    req.putArray("KeySchema").addObject().put("AttributeName", "pk").put("KeyType", "HASH");
    DynamoHttp.Response r = http.call("CreateTable", req);
    if (r.status() != 200) {
      throw new IllegalStateException("CreateTable " + table + " failed: " + r.body());
    }
  }

  /** Every set key in the table, from strongly consistent Scan pages. */
  private List<String> presentKeys() throws IOException, InterruptedException {
    List<String> keys = new ArrayList<>();
    JsonNode start = null;
    do {
      ObjectNode req = DynamoHttp.JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
      if (start != null) {
        req.set("ExclusiveStartKey", start);
      }
      DynamoHttp.Response r = http.call("Scan", req);
      if (r.status() != 200) {
        throw new IllegalStateException("final Scan failed: " + r.body());
      }
      r.body().path("Items").forEach(i -> {
        String k = i.path("pk").path("S").asText();
        if (k.startsWith(Workload.SET_PREFIX)) {
          keys.add(k);
        }
      });
      start = r.body().get("LastEvaluatedKey");
    } while (start != null);
    return keys;
  }

  /** Stops the load if it still runs (a drill that failed half-way) and closes the channels. */
  @Override
  public void close() {
    try {
      load.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watch.close();
  }
}
