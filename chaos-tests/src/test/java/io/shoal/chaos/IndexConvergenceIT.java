package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.IndexLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Issue #4's convergence drill on real processes with the AWS SDK: concurrent writers put, update (moving, removing
 * and restoring index keys) and delete items of a table with two GSIs while the node leading the most groups is
 * killed and restarted and a third GSI is created by UpdateTable mid-load. After the writes stop and every index's
 * lag is zero, each GSI must hold exactly the projection of a full consistent scan of the base table: no missing,
 * stale or extra entries; and every group's replicas must agree.
 */
class IndexConvergenceIT {
  static final String TABLE = "orders";
  static final int WRITERS = 6;
  static final int OPS_PER_WRITER = 1_000;
  static LocalClusterFixture cluster;
  static ShoalProcesses shoal;
  static ClusterProbe probe;
  static DynamoDbClient ddb;

  /** An index as the test sees it: key attributes (hash, optional range) and projected non-key attributes. */
  record Gsi(String name, String hash, String range, ProjectionType type, List<String> include) {}

  static final Gsi BY_STATUS = new Gsi("byStatus", "status", "amount", ProjectionType.ALL, List.of());
  static final Gsi BY_CUSTOMER = new Gsi("byCustomer", "customer", null, ProjectionType.KEYS_ONLY, List.of());
  static final Gsi BY_REGION = new Gsi("byRegion", "region", "amount", ProjectionType.INCLUDE, List.of("note"));

  @BeforeAll
  static void up() throws Exception {
    cluster = LocalClusterFixture.up("it-index-convergence", true);
    shoal = cluster.shoal;
    probe = cluster.probe;
    ddb = cluster.ddb;
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static GlobalSecondaryIndex gsi(Gsi g) {
    List<KeySchemaElement> keys = new ArrayList<>();
    keys.add(KeySchemaElement.builder().attributeName(g.hash()).keyType(KeyType.HASH).build());
    if (g.range() != null) {
      keys.add(KeySchemaElement.builder().attributeName(g.range()).keyType(KeyType.RANGE).build());
    }
    Projection.Builder p = Projection.builder().projectionType(g.type());
    if (!g.include().isEmpty()) {
      p.nonKeyAttributes(g.include());
    }
    return GlobalSecondaryIndex.builder().indexName(g.name()).keySchema(keys).projection(p.build()).build();
  }

  static AttributeDefinition def(String name, ScalarAttributeType t) {
    return AttributeDefinition.builder().attributeName(name).attributeType(t).build();
  }

  @Test
  void everyGsiEqualsTheProjectionOfTheBaseTableAfterKillRestartAndOnlineCreate() throws Exception {
    ddb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S),
            def("status", ScalarAttributeType.S), def("amount", ScalarAttributeType.N),
            def("customer", ScalarAttributeType.S))
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
        .globalSecondaryIndexes(gsi(BY_STATUS), gsi(BY_CUSTOMER)));

    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    for (int w = 0; w < WRITERS; w++) {
      long seed = 1000L + w;
      pool.submit(() -> writeLoop(new Random(seed), stop, done, failed));
    }
    awaitCount(done, WRITERS * OPS_PER_WRITER / 4L, Duration.ofMinutes(3));
    ddb.updateTable(b -> b.tableName(TABLE).attributeDefinitions(def("pk", ScalarAttributeType.S),
        def("sk", ScalarAttributeType.S), def("status", ScalarAttributeType.S), def("amount", ScalarAttributeType.N),
        def("customer", ScalarAttributeType.S), def("region", ScalarAttributeType.S))
        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(BY_REGION.name()).keySchema(gsi(BY_REGION)
            .keySchema()).projection(gsi(BY_REGION).projection()))));
    System.out.println("created GSI byRegion mid-load at " + done.get() + " operations");

    ClusterView v = awaitView();
    Map<String, Long> leaders = v.getLeadersList().stream()
        .collect(Collectors.groupingBy(GroupLeader::getNodeId, Collectors.counting()));
    String victim = leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    awaitCount(done, WRITERS * OPS_PER_WRITER / 2L, Duration.ofMinutes(3));
    shoal.mustRun("kill-node", victim);
    System.out.println("killed " + victim + " at " + done.get() + " operations");
    awaitCount(done, WRITERS * OPS_PER_WRITER * 3L / 4, Duration.ofMinutes(3));
    shoal.mustRun("start-node", victim);
    System.out.println("restarted " + victim + " at " + done.get() + " operations");
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    System.out.printf("writers finished: %d operations, %d failed (outcome unknown or refused)%n", done.get(),
        failed.get());

    awaitActiveAndCaughtUp(Duration.ofMinutes(3));
    Map<Gsi, String> mismatches = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    do {
      List<Map<String, AttributeValue>> base = scanAll(null);
      mismatches.clear();
      for (Gsi g : List.of(BY_STATUS, BY_CUSTOMER, BY_REGION)) {
        Set<Map<String, AttributeValue>> want = expected(g, base);
        Set<Map<String, AttributeValue>> got = new HashSet<>(scanAll(g.name()));
        if (!want.equals(got)) {
          Set<Map<String, AttributeValue>> missing = new HashSet<>(want);
          missing.removeAll(got);
          Set<Map<String, AttributeValue>> extra = new HashSet<>(got);
          extra.removeAll(want);
          mismatches.put(g, "missing " + missing.size() + ", stale or extra " + extra.size());
        } else {
          System.out.printf("GSI %s: %d entries, equal to the projection of %d base items%n", g.name(), got.size(),
              base.size());
        }
      }
    } while (!mismatches.isEmpty() && System.nanoTime() < deadline && sleep(1000));
    assertThat(mismatches).as("indexes differing from the base table's projection").isEmpty();
    KillLeaderNodeIT.awaitReplicasAgree(probe, Duration.ofMinutes(2));
  }

  static void writeLoop(Random r, AtomicBoolean stop, AtomicLong done, AtomicLong failed) {
    for (int i = 0; i < OPS_PER_WRITER && !stop.get(); i++) {
      String pk = "o" + r.nextInt(60);
      String sk = "l" + r.nextInt(8);
      Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
      try {
        int op = r.nextInt(10);
        if (op < 5) {
          Map<String, AttributeValue> item = new HashMap<>(key);
          maybe(r, item, "status", AttributeValue.fromS(List.of("new", "paid", "sent").get(r.nextInt(3))));
          maybe(r, item, "amount", AttributeValue.fromN(Integer.toString(r.nextInt(500))));
          maybe(r, item, "customer", AttributeValue.fromS("c" + r.nextInt(20)));
          maybe(r, item, "region", AttributeValue.fromS("r" + r.nextInt(4)));
          item.put("note", AttributeValue.fromS("n" + r.nextInt(1000)));
          ddb.putItem(b -> b.tableName(TABLE).item(item));
        } else if (op < 8) {
          String status = List.of("new", "paid", "sent").get(r.nextInt(3));
          if (r.nextBoolean()) {
            ddb.updateItem(b -> b.tableName(TABLE).key(key).updateExpression("SET #s = :s, note = :n")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status), ":n",
                    AttributeValue.fromS("u" + r.nextInt(1000)))));
          } else {
            ddb.updateItem(b -> b.tableName(TABLE).key(key).updateExpression("REMOVE #r, #s")
                .expressionAttributeNames(Map.of("#s", "status", "#r", "region")));
          }
        } else {
          ddb.deleteItem(b -> b.tableName(TABLE).key(key));
        }
      } catch (RuntimeException e) {
        if (failed.incrementAndGet() <= 5) {
          System.out.println("write failed: " + e.getMessage());
        }
      }
      done.incrementAndGet();
    }
  }

  static void maybe(Random r, Map<String, AttributeValue> item, String name, AttributeValue v) {
    if (r.nextInt(5) != 0) {
      item.put(name, v);
    }
  }

  /** The entries DynamoDB's projection rules give for these base items (sparse: only items with the keys). */
  static Set<Map<String, AttributeValue>> expected(Gsi g, List<Map<String, AttributeValue>> base) {
    Set<Map<String, AttributeValue>> out = new HashSet<>();
    for (Map<String, AttributeValue> item : base) {
      if (!item.containsKey(g.hash()) || (g.range() != null && !item.containsKey(g.range()))) {
        continue;
      }
      if (g.type() == ProjectionType.ALL) {
        out.add(item);
        continue;
      }
      Map<String, AttributeValue> e = new HashMap<>();
      for (String a : concat(List.of("pk", "sk", g.hash()), g.range(), g.include())) {
        if (item.containsKey(a)) {
          e.put(a, item.get(a));
        }
      }
      out.add(e);
    }
    return out;
  }

  static List<String> concat(List<String> a, String b, List<String> c) {
    List<String> out = new ArrayList<>(a);
    if (b != null) {
      out.add(b);
    }
    out.addAll(c);
    return out;
  }

  static List<Map<String, AttributeValue>> scanAll(String index) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse page = ddb.scan(b -> {
        b.tableName(TABLE).exclusiveStartKey(from);
        if (index == null) {
          b.consistentRead(true);
        } else {
          b.indexName(index);
        }
      });
      out.addAll(page.items());
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  /** Every GSI ACTIVE (DescribeTable) and every group caught up (the metadata leader's lag board). */
  static void awaitActiveAndCaughtUp(Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean active = ddb.describeTable(b -> b.tableName(TABLE)).table().globalSecondaryIndexes().stream()
          .allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
      List<IndexLag> lag = probe.view().map(ClusterView::getIndexLagList).orElse(List.of());
      boolean caughtUp = lag.size() == 3 && lag.stream().allMatch(l -> l.getRecordsBehind() == 0
          && l.getGroupsBackfilled() == l.getGroups());
      last = "active=" + active + " lag=" + lag.stream().map(l -> l.getIndex() + ":" + l.getRecordsBehind() + "/"
          + l.getGroupsBackfilled() + "of" + l.getGroups()).toList();
      if (active && caughtUp) {
        System.out.printf("all 3 GSIs ACTIVE with zero lag %.1f s after the writers stopped%n",
            (System.nanoTime() - started) / 1e9);
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("indexes did not become ACTIVE and caught up: " + last);
  }

  static void awaitCount(AtomicLong counter, long target, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + counter.get() + " of " + target + " operations in " + timeout);
      }
      Thread.sleep(100);
    }
  }

  /** The cluster view, retried: the metadata leader may be briefly unreachable on a loaded machine. */
  static ClusterView awaitView() throws InterruptedException {
    for (int i = 0; i < 60; i++) {
      java.util.Optional<ClusterView> v = probe.view();
      if (v.isPresent()) {
        return v.get();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no metadata node answered for 30 s");
  }

  static boolean sleep(long ms) throws InterruptedException {
    Thread.sleep(ms);
    return true;
  }
}
