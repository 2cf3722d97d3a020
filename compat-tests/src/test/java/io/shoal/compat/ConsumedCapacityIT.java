package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * ReturnConsumedCapacity unit math (developer guide "Read/write capacity mode"): a read unit covers 4 KB strongly
 * consistent, half a unit eventually consistent; a write unit covers 1 KB; Query and Scan round the summed size of a
 * page; writes that replace an item charge the larger of old and new. Item sizes below stay well clear of unit
 * boundaries so DynamoDB's approximation of number sizes does not matter.
 */
class ConsumedCapacityIT extends CompatBase {
  static String table;
  static String pageTable;
  /** pk(2) + "big"(3) + d(1) + 5000 = 5006 bytes: 5 write units, 2 strong / 1 eventual read units. */
  static final String BIG = repeat('b', 5000);

  @BeforeAll
  static void tables() {
    table = createHashTable("cap", ScalarAttributeType.S);
    pageTable = createCompositeTable("cap-page", ScalarAttributeType.S, ScalarAttributeType.S);
    for (String sk : List.of("a", "b", "c")) {
      // about 1.5 KB each: 4.5 KB in all, two strong read units for the page
      ddb.putItem(p -> p.tableName(pageTable).item(item("pk", s("q"), "sk", s(sk), "d", s(repeat('q', 1500)))));
    }
  }

  static void assertUnits(ConsumedCapacity c, String tableName, double units, boolean indexes) {
    assertThat(c).as("ConsumedCapacity").isNotNull();
    assertThat(c.tableName()).isEqualTo(tableName);
    assertThat(c.capacityUnits()).isEqualTo(units);
    if (indexes) {
      assertThat(c.table()).isNotNull();
      assertThat(c.table().capacityUnits()).isEqualTo(units);
    }
  }

  @Test
  void putGetUpdateDelete() {
    var put = ddb.putItem(p -> p.tableName(table).item(item("pk", s("big"), "d", s(BIG)))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(put.consumedCapacity(), table, 5.0, false);
    var strong = ddb.getItem(g -> g.tableName(table).key(item("pk", s("big"))).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(strong.consumedCapacity(), table, 2.0, false);
    var eventual = ddb.getItem(g -> g.tableName(table).key(item("pk", s("big")))
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertUnits(eventual.consumedCapacity(), table, 1.0, true);
    var update = ddb.updateItem(u -> u.tableName(table).key(item("pk", s("big"))).updateExpression("SET x = :x")
        .expressionAttributeValues(Map.of(":x", s("x"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(update.consumedCapacity(), table, 5.0, false);
    var delete = ddb.deleteItem(d -> d.tableName(table).key(item("pk", s("big")))
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertUnits(delete.consumedCapacity(), table, 5.0, true);
  }

  @Test
  void smallItemsAndMissingItems() {
    var put = ddb.putItem(p -> p.tableName(table).item(item("pk", s("small"), "d", s("x")))
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertUnits(put.consumedCapacity(), table, 1.0, true);
    var eventual = ddb.getItem(g -> g.tableName(table).key(item("pk", s("small")))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(eventual.consumedCapacity(), table, 0.5, false);
    var missingStrong = ddb.getItem(g -> g.tableName(table).key(item("pk", s("none"))).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(missingStrong.consumedCapacity(), table, 1.0, false);
    var missingEventual = ddb.getItem(g -> g.tableName(table).key(item("pk", s("none")))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(missingEventual.consumedCapacity(), table, 0.5, false);
    var none = ddb.getItem(g -> g.tableName(table).key(item("pk", s("small")))
        .returnConsumedCapacity(ReturnConsumedCapacity.NONE));
    assertThat(none.consumedCapacity()).isNull();
    var unasked = ddb.putItem(p -> p.tableName(table).item(item("pk", s("small2"))));
    assertThat(unasked.consumedCapacity()).isNull();
  }

  @Test
  void queryAndScanRoundThePage() {
    var strong = ddb.query(q -> q.tableName(pageTable).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("q"))).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(strong.count()).isEqualTo(3);
    assertUnits(strong.consumedCapacity(), pageTable, 2.0, false);
    var eventual = ddb.query(q -> q.tableName(pageTable).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("q"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertUnits(eventual.consumedCapacity(), pageTable, 1.0, true);
    var scan = ddb.scan(q -> q.tableName(pageTable).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(scan.consumedCapacity(), pageTable, 1.0, false);
    var filtered = ddb.scan(q -> q.tableName(pageTable).filterExpression("sk = :a")
        .expressionAttributeValues(Map.of(":a", s("a"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(filtered.count()).isEqualTo(1);
    assertUnits(filtered.consumedCapacity(), pageTable, 1.0, false);
  }

  @Test
  @ReferenceDiffers(reason = "charges a strongly consistent Scan like an eventually consistent one")
  void consistentScanCostsFullUnits() {
    var scan = ddb.scan(q -> q.tableName(pageTable).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertUnits(scan.consumedCapacity(), pageTable, 2.0, false);
  }

  @Test
  void batchOperationsReportPerTable() {
    var w = ddb.batchWriteItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).requestItems(Map.of(
        table, List.of(
            WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", s("b1"))).build()).build(),
            WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", s("b2"))).build()).build()))));
    assertThat(w.consumedCapacity()).hasSize(1);
    assertUnits(w.consumedCapacity().get(0), table, 2.0, false);
    var g = ddb.batchGetItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).requestItems(Map.of(
        table, KeysAndAttributes.builder().keys(item("pk", s("b1")), item("pk", s("b2"))).build())));
    assertThat(g.consumedCapacity()).hasSize(1);
    assertUnits(g.consumedCapacity().get(0), table, 1.0, false);
  }
}
