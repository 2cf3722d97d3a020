package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Query and Scan through the AWS SDK against real processes: sort-key order across groups' storage, pagination
 * with Limit and LastEvaluatedKey, descending order, and parallel scan segments that return every item once.
 */
class QueryScanIT {
  static ShoalProcesses shoal;
  static DynamoDbClient ddb;
  static final String TABLE = "query_scan";
  static final int PARTITIONS = 6;
  static final int PER_PARTITION = 40;

  @BeforeAll
  static void up() throws Exception {
    Path dir = Path.of("target", "it-query-scan").toAbsolutePath();
    KillLeaderNodeIT.deleteTree(dir);
    shoal = new ShoalProcesses(dir);
    shoal.mustRun("up", "--groups", "6", "--timeout", "180");
    ddb = Clients.dynamo(true);
    ddb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("n").attributeType(ScalarAttributeType.N).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("n").keyType(KeyType.RANGE).build()));
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < PER_PARTITION; i++) {
        // Numbers chosen so that string order and numeric order differ (-5 < 0.5 < 2 < 10 < 100 ...).
        String n = new BigDecimal(i - 10).multiply(new BigDecimal("2.5")).toPlainString();
        String pk = "p" + p;
        ddb.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN(n),
            "v", AttributeValue.fromS("x"))));
      }
    }
  }

  @AfterAll
  static void down() throws Exception {
    if (ddb != null) {
      ddb.close();
    }
    if (shoal != null) {
      shoal.cli("down");
    }
  }

  static List<BigDecimal> numbers(List<Map<String, AttributeValue>> items) {
    return items.stream().map(i -> new BigDecimal(i.get("n").n())).collect(Collectors.toList());
  }

  static Map<String, Condition> pkEquals(String pk) {
    Map<String, Condition> c = new HashMap<>();
    c.put("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
        .attributeValueList(AttributeValue.fromS(pk)).build());
    return c;
  }

  @Test
  void queryPagesThroughOnePartitionInNumericOrderBothWays() {
    for (boolean forward : new boolean[] {true, false}) {
      List<Map<String, AttributeValue>> all = new ArrayList<>();
      Map<String, AttributeValue> start = null;
      int pages = 0;
      do {
        Map<String, AttributeValue> esk = start;
        QueryResponse r = ddb.query(b -> b.tableName(TABLE).keyConditions(pkEquals("p3")).limit(7)
            .scanIndexForward(forward).consistentRead(true).exclusiveStartKey(esk));
        all.addAll(r.items());
        start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        pages++;
      } while (start != null);
      List<BigDecimal> got = numbers(all);
      List<BigDecimal> sorted = new ArrayList<>(got);
      sorted.sort(forward ? BigDecimal::compareTo : (a, b) -> b.compareTo(a));
      assertThat(got).hasSize(PER_PARTITION).isEqualTo(sorted).doesNotHaveDuplicates();
      assertThat(pages).isEqualTo(6);
    }
  }

  @Test
  void queryHonoursSortKeyConditions() {
    Map<String, Condition> c = pkEquals("p1");
    c.put("n", Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN)
        .attributeValueList(AttributeValue.fromN("-5"), AttributeValue.fromN("10")).build());
    QueryResponse r = ddb.query(b -> b.tableName(TABLE).keyConditions(c));
    assertThat(numbers(r.items())).extracting(BigDecimal::toPlainString)
        .containsExactly("-5", "-2.5", "0", "2.5", "5", "7.5", "10");
    assertThat(r.count()).isEqualTo(7);
  }

  @Test
  void keyConditionExpressionSelectsASortKeyRange() {
    QueryResponse r = ddb.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :p AND #n BETWEEN :lo AND :hi")
        .expressionAttributeNames(Map.of("#n", "n"))
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p2"), ":lo", AttributeValue.fromN("-2.5"),
            ":hi", AttributeValue.fromN("5")))
        .scanIndexForward(false));
    assertThat(numbers(r.items())).extracting(BigDecimal::toPlainString).containsExactly("5", "2.5", "0", "-2.5");
  }

  @Test
  void parallelScanSegmentsReturnEveryItemExactlyOnce() {
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (int segment = 0; segment < 4; segment++) {
      int seg = segment;
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> esk = start;
        ScanResponse r = ddb.scan(b -> b.tableName(TABLE).segment(seg).totalSegments(4).limit(25)
            .exclusiveStartKey(esk));
        for (Map<String, AttributeValue> item : r.items()) {
          seen.add(item.get("pk").s() + "/" + new BigDecimal(item.get("n").n()).stripTrailingZeros());
          total++;
        }
        assertThat(r.scannedCount()).isEqualTo(r.count());
        start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
      } while (start != null);
    }
    assertThat(total).isEqualTo(PARTITIONS * PER_PARTITION);
    assertThat(seen).hasSize(PARTITIONS * PER_PARTITION);
  }
}
