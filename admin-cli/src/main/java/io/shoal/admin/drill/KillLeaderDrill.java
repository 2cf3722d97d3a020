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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code shoal drill kill-leader}: under a small load, {@code kill -9} the node leading the most groups, wait for
 * every group to have a leader again, restart the node, and judge what the clients saw: no acknowledged write lost,
 * every register history linearizable, and the replicas of every group identical once they caught up.
 */
final class KillLeaderDrill {
  /** Options of one run. */
  record Settings(int clients, Duration warmUp, Duration downTime, Duration afterRestart, long seed) {}

  private final LocalCluster cluster;
  private final Settings settings;
  private final PrintWriter out;
  private final LongSupplier nanos;

  KillLeaderDrill(LocalCluster cluster, Settings settings, PrintWriter out, LongSupplier nanos) {
    this.cluster = cluster;
    this.settings = settings;
    this.out = out;
    this.nanos = nanos;
  }

  /**
   * One drill's outcome: whether every check passed, and the write unavailability (longest gap between acknowledged
   * writes, seconds) of the worst group the killed node led.
   */
  record Outcome(boolean clean, double unavailability) {}

  /** Runs the drill and prints its report. */
  Outcome run() throws IOException, InterruptedException {
    DynamoHttp http = new DynamoHttp(cluster.endpoint(), Duration.ofSeconds(5));
    String table = "shoal_drill_" + Long.toHexString(settings.seed());
    createTable(http, table);
    out.printf("drill kill-leader: seed %d, %d clients, table %s%n", settings.seed(), settings.clients(), table);
    try (ClusterWatch watch = new ClusterWatch(cluster.seeds())) {
      long tableId = watch.tableId(table);
      Workload load = new Workload(http, table, settings.clients(), 4, settings.seed());
      load.start();
      Thread.sleep(settings.warmUp().toMillis());

      ClusterView before = watch.view().orElseThrow(() -> new IllegalStateException("no cluster view"));
      Map<Integer, String> leaders = ClusterWatch.leaders(before);
      String victim = busiest(leaders);
      List<Integer> affected = leaders.entrySet().stream().filter(e -> e.getValue().equals(victim))
          .map(Map.Entry::getKey).collect(Collectors.toList());
      long killedAt = nanos.getAsLong();
      out.printf("kill -9 %s (leader of groups %s): %s%n", victim, affected, cluster.killNode(victim).describe());

      double reelected = waitForLeaders(watch, victim, killedAt);
      Thread.sleep(Math.max(0, settings.downTime().toMillis() - (long) (reelected * 1000)));
      cluster.startNode(victim);
      out.printf("restarted %s%n", victim);
      Thread.sleep(settings.afterRestart().toMillis());
      load.stop();

      List<Op> history = load.history();
      ClusterView after = watch.view().orElse(before);
      Map<Integer, Double> gaps = WriteGaps.after(history, killedAt, k -> ClusterWatch.groupOf(after, tableId, k));
      SetResult set = SetChecker.check(history.stream().filter(Workload::isSetPut).collect(Collectors.toList()),
          presentKeys(http, table));
      LinearizabilityResult lin = LinearizabilityChecker.register().check(history.stream()
          .filter(op -> op.key().startsWith(Workload.REGISTER_PREFIX)).collect(Collectors.toList()));
      ReplicaAgreement.Report replicas = waitForAgreement(watch);

      report(reelected, affected, gaps, load, history, set, lin, replicas);
      double worst = affected.stream().mapToDouble(g -> gaps.getOrDefault(g, Double.NaN)).max().orElse(Double.NaN);
      return new Outcome(set.ok() && lin.isLinearizable() && replicas.allAgree(), worst);
    }
  }

  private static String busiest(Map<Integer, String> leaders) {
    Map<String, Long> counts = leaders.values().stream()
        .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
        .orElseThrow(() -> new IllegalStateException("no group has a leader")).getKey();
  }

  /** Seconds from the kill until the view shows a live leader for every group. */
  private double waitForLeaders(ClusterWatch watch, String victim, long killedAt) throws InterruptedException {
    long deadline = killedAt + Duration.ofSeconds(60).toNanos();
    while (nanos.getAsLong() < deadline) {
      var view = watch.view();
      if (view.isPresent()) {
        Map<Integer, String> leaders = ClusterWatch.leaders(view.get());
        boolean all = view.get().getPartitionMap().getGroupsList().stream()
            .allMatch(g -> leaders.containsKey(g.getId()) && !leaders.get(g.getId()).equals(victim));
        if (all) {
          return (nanos.getAsLong() - killedAt) / 1e9;
        }
      }
      Thread.sleep(50);
    }
    return Double.POSITIVE_INFINITY;
  }

  private ReplicaAgreement.Report waitForAgreement(ClusterWatch watch) throws InterruptedException {
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

  private static void createTable(DynamoHttp http, String table) throws IOException, InterruptedException {
    ObjectNode req = DynamoHttp.JSON.createObjectNode().put("TableName", table).put("BillingMode", "PAY_PER_REQUEST");
    req.putArray("AttributeDefinitions").addObject().put("AttributeName", "pk").put("AttributeType", "S");
    req.putArray("KeySchema").addObject().put("AttributeName", "pk").put("KeyType", "HASH");
    DynamoHttp.Response r = http.call("CreateTable", req);
    if (r.status() != 200) {
      throw new IllegalStateException("CreateTable " + table + " failed: " + r.body());
    }
  }

  /** Every key in the table, from strongly consistent Scan pages. */
  private static List<String> presentKeys(DynamoHttp http, String table) throws IOException, InterruptedException {
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

  private void report(double reelected, List<Integer> affected, Map<Integer, Double> gaps, Workload load,
      List<Op> history, SetResult set, LinearizabilityResult lin, ReplicaAgreement.Report replicas) {
    Map<String, Long> outcomes = new TreeMap<>(history.stream()
        .collect(Collectors.groupingBy(op -> op.outcome().name(), Collectors.counting())));
    Map<String, Long> errors = new TreeMap<>();
    load.errors().forEach((k, v) -> errors.put(k, v.sum()));
    Map<Integer, Double> affectedGaps = new HashMap<>();
    affected.forEach(g -> affectedGaps.put(g, gaps.getOrDefault(g, Double.NaN)));
    out.println("--- report ---");
    out.printf("every group had a leader again after: %.3f s%n", reelected);
    out.printf("write unavailability of the groups the killed node led (longest gap between acknowledged writes), "
        + "s: %s%n", format(affectedGaps));
    out.printf("longest gap in any group after the kill, s: %s%n", format(gaps));
    out.printf("operations: %d %s; client errors: %s%n", history.size(), outcomes, errors);
    out.printf("acknowledged writes: %s%n", set);
    out.printf("register histories: %s%n", lin.summary());
    out.println(replicas);
    boolean clean = set.ok() && lin.isLinearizable() && replicas.allAgree();
    out.println("history checked " + (clean ? "CLEAN" : "NOT CLEAN") + " (seed " + settings.seed() + ")");
  }

  private static String format(Map<Integer, Double> gaps) {
    return new TreeMap<>(gaps).entrySet().stream().map(e -> "g" + e.getKey() + "=" + String.format("%.3f", e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
