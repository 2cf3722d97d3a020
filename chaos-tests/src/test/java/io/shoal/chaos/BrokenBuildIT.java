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
 * cannot commit; write more distinct keys for a while (writes to other groups time out, and the lone leader steps
 * down after an election timeout); {@code kill -9} the third node; restart the first two, which elect new leaders
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
      assertThat(shoal.cli(Map.of("SHOAL_NODE_JVM_OPTS", opts), "up", "--timeout", "180")).isZero();
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

      HistoryRecorder history = new HistoryRecorder();
      write(ddb, history, "before-", 40); // acknowledged by both builds, and committed: must survive
      for (String n : stopped) {
        cluster.killNode(n);
      }
      write(ddb, history, "during-", 80);
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

  /** Distinct keys, one at a time per thread, with a short client timeout: a stalled group gives INFO. */
  private static void write(DynamoDbClient ddb, HistoryRecorder history, String prefix, int keys)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int process = t;
      Thread th = new Thread(() -> {
        for (int i = process; i < keys; i += 4) {
          String key = prefix + i;
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
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
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
