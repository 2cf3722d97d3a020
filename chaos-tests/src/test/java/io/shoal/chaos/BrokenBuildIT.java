package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.admin.check.HistoryRecorder;
import io.shoal.admin.check.Op;
import io.shoal.admin.check.SetChecker;
import io.shoal.admin.check.SetResult;
import io.shoal.admin.local.JavaCommandFactory;
import io.shoal.admin.local.LocalCluster;
import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupLeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Shows the drills' checkers can fail: the same scenario against a correct build and against a deliberately broken
 * one (storage nodes started with {@code -Dshoal.testOnly.ackBeforeCommit=true}, which acknowledge a write before a
 * majority has it).
 *
 * <p>Scenario: write some keys; {@code kill -9} the two nodes leading the fewest groups, so the third node's groups
 * cannot commit; at once write twenty more distinct keys of that node's groups (before it steps down for want of a
 * quorum, about an election timeout later); {@code kill -9} the third node; restart the first two, which elect new leaders
 * from logs that never saw those writes; restart the third, whose uncommitted entries the new leaders truncate; read
 * everything back. A correct build acknowledges nothing it could not commit, so no acknowledged write is lost; the
 * broken build acknowledges writes that then vanish, and the set checker must say so. (SIGSTOP instead of kill would
 * not do: the stopped followers still find the leader's appends in their socket buffers when they resume.)
 */
class BrokenBuildIT {

  @Test
  void correctBuildLosesNoAcknowledgedWrite() throws Exception {
    SetResult r = run("correct", false);
    System.out.println("correct build: " + r);
    assertThat(r.acknowledged()).as("the writes before the stop were acknowledged").isGreaterThanOrEqualTo(40);
    assertThat(r.ok()).as(r.toString()).isTrue();
  }

  @Test
  void checkerCatchesABuildThatAcknowledgesBeforeCommit() throws Exception {
    SetResult r = run("broken", true);
    System.out.println("broken build (ack before commit): " + r);
    assertThat(r.acknowledged()).as("the broken build acknowledged writes while its followers were stopped")
        .isPositive();
    assertThat(r.ok()).as("the set checker must report the lost acknowledged writes").isFalse();
    assertThat(r.lost()).isNotEmpty();
  }

  private static SetResult run(String name, boolean broken) throws Exception {
    Path dir = Path.of("target", "it-broken-build-" + name).toAbsolutePath();
    KillLeaderNodeIT.deleteTree(dir);
    ShoalProcesses shoal = new ShoalProcesses(dir);
    String opts = JavaCommandFactory.DEFAULT_NODE_JVM_OPTS + (broken ? " -Dshoal.testOnly.ackBeforeCommit=true" : "");
    try (ClusterProbe probe = new ClusterProbe(ShoalProcesses.SEEDS);
        DynamoDbClient ddb = Clients.dynamo(false)) {
      assertThat(shoal.cli(Map.of("SHOAL_NODE_JVM_OPTS", opts), "up", "--groups", "6", "--timeout", "180")).isZero();
      ddb.createTable(t -> t.tableName("broken_build").billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
          .keySchema(k -> k.attributeName("pk").keyType("HASH")));

      LocalCluster cluster = LocalCluster.load(dir);
      Map<String, Long> led = ledGroups(probe.view().orElseThrow());
      String survivor = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      List<String> stopped = cluster.nodes().stream().map(p -> p.name()).filter(n -> !n.equals(survivor))
          .collect(Collectors.toList());
      System.out.println(name + ": leaders " + led + "; kill -9 " + stopped + ", write, kill -9 " + survivor
          + ", restart " + stopped);

      List<String> during = survivorKeys(probe, survivor); // while the metadata group still answers
      HistoryRecorder history = new HistoryRecorder();
      write(ddb, history, keys("before-", 40), 4); // acknowledged by both builds, and committed: must survive
      for (String n : stopped) {
        cluster.killNode(n);
      }
      // Only keys of the lone node's groups, all at once: the broken build acknowledges them before that node steps
      // down for want of a quorum (about one election timeout later); the correct build cannot commit them.
      write(ddb, history, during, 16);
      cluster.killNode(survivor);
      for (String n : stopped) {
        cluster.startNode(n);
      }
      awaitLeaders(probe, survivor);
      cluster.startNode(survivor);
      List<Op> adds = history.history();
      return SetChecker.check(adds, readAll(ddb));
    } finally {
      shoal.cli("down");
    }
  }

  private static Map<String, Long> ledGroups(ClusterView v) {
    return v.getLeadersList().stream().filter(l -> !l.getNodeId().isEmpty())
        .collect(Collectors.groupingBy(GroupLeader::getNodeId, TreeMap::new, Collectors.counting()));
  }

  private static List<String> keys(String prefix, int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(prefix + i);
    }
    return keys;
  }

  /** Twenty keys whose partition the given node leads. */
  private static List<String> survivorKeys(ClusterProbe probe, String node) {
    ClusterView v = probe.view().orElseThrow();
    java.util.Set<Integer> led = v.getLeadersList().stream().filter(l -> l.getNodeId().equals(node))
        .map(GroupLeader::getGroupId).collect(Collectors.toSet());
    io.shoal.core.partition.PartitionRouter router = io.shoal.core.partition.PartitionRouter.of(v.getPartitionMap());
    long tableId = probe.table("broken_build").getId();
    List<String> keys = new ArrayList<>();
    for (int i = 0; keys.size() < 20 && i < 100_000; i++) {
      String key = "during-" + i;
      byte[] pk = io.shoal.core.key.KeyCodec.partitionKeyBytes(io.shoal.proto.ScalarType.S,
          io.shoal.proto.AttributeValue.newBuilder().setS(key).build());
      if (led.contains(router.groupFor(io.shoal.core.partition.PartitionHash.hash(tableId, pk)).getId())) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** Puts of distinct keys from {@code threads} threads, with a short client timeout: a stalled group gives INFO. */
  private static void write(DynamoDbClient ddb, HistoryRecorder history, List<String> keys, int threads)
      throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int process = t;
      Thread th = new Thread(() -> {
        for (int i = process; i < keys.size(); i += threads) {
          String key = keys.get(i);
          HistoryRecorder.Handle h = history.put(process, key, key);
          try {
            ddb.putItem(p -> p.tableName("broken_build").item(Map.of("pk", AttributeValue.fromS(key)))
                .overrideConfiguration(c -> c.apiCallTimeout(java.time.Duration.ofMillis(1500))));
            h.ok();
          } catch (DynamoDbException e) {
            if (e.statusCode() >= 500) {
              h.info();
            } else {
              h.fail();
            }
          } catch (SdkException e) {
            h.info(); // timeout or connection error: unknown
          }
        }
      });
      workers.add(th);
      th.start();
    }
    for (Thread th : workers) {
      th.join();
    }
  }

  private static void awaitLeaders(ClusterProbe probe, String dead) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      var v = probe.view();
      if (v.isPresent() && v.get().getLeadersCount() == v.get().getPartitionMap().getGroupsCount()
          && v.get().getLeadersList().stream().noneMatch(l -> l.getNodeId().isEmpty() || l.getNodeId().equals(dead))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("groups did not all get a new leader within 60 s");
  }

  private static List<String> readAll(DynamoDbClient ddb) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
          Map<String, AttributeValue> from = start;
          ScanResponse r = ddb.scan(s -> s.tableName("broken_build").consistentRead(true).exclusiveStartKey(from));
          r.items().forEach(i -> keys.add(i.get("pk").s()));
          start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
      } catch (SdkException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }
}
