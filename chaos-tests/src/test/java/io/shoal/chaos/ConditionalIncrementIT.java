package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupLeader;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Optimistic-concurrency counters under a leader kill: 16 clients read an item's version and increment it with
 * {@code SET n = n + :one, ver = ver + :one} only if the version is unchanged. Every acknowledged increment must
 * be in the final value, none may be applied twice, and increments whose outcome the client could not learn may
 * or may not have applied: acknowledged <= n <= acknowledged + unknown, and n == ver.
 */
class ConditionalIncrementIT {
  static final int CLIENTS = 16;
  static final int COUNTERS = 4;
  static LocalClusterFixture cluster;
  static ShoalProcesses shoal;
  static ClusterProbe probe;
  static DynamoDbClient ddb;

  @BeforeAll
  static void up() throws Exception {
    cluster = LocalClusterFixture.up("it-conditional-increment", false);
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

  @Test
  void noAcknowledgedIncrementIsLostOrDoubledAcrossALeaderKill() throws Exception {
    ddb.createTable(b -> b.tableName("counters").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S)
            .build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    for (int c = 0; c < COUNTERS; c++) {
      String id = "c" + c;
      ddb.putItem(b -> b.tableName("counters").item(Map.of("id", AttributeValue.fromS(id),
          "n", AttributeValue.fromN("0"), "ver", AttributeValue.fromN("0"))));
    }
    AtomicLongArray acked = new AtomicLongArray(COUNTERS);
    AtomicLongArray unknown = new AtomicLongArray(COUNTERS);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    for (int w = 0; w < CLIENTS; w++) {
      int counter = w % COUNTERS;
      pool.submit(() -> increments(counter, stop, acked, unknown));
    }
    Thread.sleep(5_000);
    ClusterView v = probe.view().orElseThrow();
    String victim = v.getLeadersList().stream().collect(Collectors.groupingBy(GroupLeader::getNodeId,
        Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    System.out.println("killing " + victim + " under 16 conditional incrementers");
    shoal.mustRun("kill-node", victim);
    Thread.sleep(8_000);
    shoal.mustRun("start-node", victim);
    Thread.sleep(5_000);
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

    long totalAcked = 0;
    for (int c = 0; c < COUNTERS; c++) {
      String id = "c" + c;
      Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName("counters").consistentRead(true)
          .key(Map.of("id", AttributeValue.fromS(id)))).item();
      long n = Long.parseLong(item.get("n").n());
      long ver = Long.parseLong(item.get("ver").n());
      System.out.printf("counter %s: n=%d ver=%d acknowledged=%d unknown-outcome=%d%n", id, n, ver, acked.get(c),
          unknown.get(c));
      assertThat(n).as("n and ver move together").isEqualTo(ver);
      assertThat(n).as("no acknowledged increment lost").isGreaterThanOrEqualTo(acked.get(c));
      assertThat(n).as("no increment applied twice").isLessThanOrEqualTo(acked.get(c) + unknown.get(c));
      totalAcked += acked.get(c);
    }
    assertThat(totalAcked).as("the workload made progress").isGreaterThan(100);
  }

  static void increments(int counter, AtomicBoolean stop, AtomicLongArray acked, AtomicLongArray unknown) {
    String id = "c" + counter;
    while (!stop.get()) {
      String ver;
      try {
        ver = ddb.getItem(b -> b.tableName("counters").consistentRead(true)
            .key(Map.of("id", AttributeValue.fromS(id)))).item().get("ver").n();
      } catch (RuntimeException e) {
        continue;
      }
      try {
        ddb.updateItem(b -> b.tableName("counters").key(Map.of("id", AttributeValue.fromS(id)))
            .updateExpression("SET n = n + :one, ver = ver + :one").conditionExpression("ver = :ver")
            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":ver", AttributeValue.fromN(ver))));
        acked.incrementAndGet(counter);
      } catch (ConditionalCheckFailedException e) {
        // Another client won this version: read again.
      } catch (RuntimeException e) {
        unknown.incrementAndGet(counter);
      }
    }
  }
}
