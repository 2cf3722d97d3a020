package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Size limits (developer guide "Service, account, and table quotas"): 400 KB items (attribute names plus values, in
 * UTF-8 bytes), 2048-byte partition keys, 1024-byte sort keys, 1 MB Query/Scan pages.
 */
class LimitsIT extends CompatBase {
  static final int MAX_ITEM = 400 * 1024;
  static String table;
  static String composite;

  @BeforeAll
  static void tables() {
    table = createHashTable("limits", ScalarAttributeType.S);
    composite = createCompositeTable("limits-c", ScalarAttributeType.S, ScalarAttributeType.S);
  }

  @Test
  void itemJustUnder400KbIsStored() {
    // size = len("pk") + len("big") + len("d") + len(value)
    String value = repeat('x', MAX_ITEM - 2 - 3 - 1 - 16);
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("big"), "d", s(value))));
    assertThat(get(table, item("pk", s("big"))).get("d").s()).hasSize(value.length());
  }

  @Test
  void itemOver400KbIsRejected() {
    String value = repeat('x', MAX_ITEM - 2 - 4 - 1 + 1);
    expectValidation(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("huge"), "d", s(value)))),
        "Item size has exceeded the maximum allowed size");
    assertThat(get(table, item("pk", s("huge")))).isNull();
  }

  @Test
  void updateThatGrowsAnItemOver400KbIsRejected() {
    String half = repeat('y', MAX_ITEM / 2 + 10);
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("grow"), "a", s(half))));
    expectValidation(() -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("grow")))
            .updateExpression("SET b = :v").expressionAttributeValues(Map.of(":v", s(half)))),
        "Item size to update has exceeded the maximum allowed size");
    assertThat(get(table, item("pk", s("grow")))).doesNotContainKey("b");
  }

  @Test
  void partitionKeyUpTo2048Bytes() {
    String ok = repeat('k', 2048);
    ddb.putItem(p -> p.tableName(table).item(item("pk", s(ok))));
    assertThat(get(table, item("pk", s(ok)))).isNotNull();
    String tooLong = repeat('k', 2049);
    expectValidation(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s(tooLong)))),
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
  }

  @Test
  @ReferenceDiffers(reason = "measures key sizes in UTF-16 characters, not UTF-8 bytes")
  void keySizesCountUtf8Bytes() {
    // 1025 two-byte characters: 2050 bytes although only 1025 characters
    String tooLong = repeat('é', 1025);
    expectValidation(() -> ddb.putItem(p -> p.tableName(table).item(item("pk", s(tooLong)))),
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
    String sortTooLong = repeat('é', 513);
    expectValidation(() -> ddb.putItem(p -> p.tableName(composite).item(item("pk", s("p"), "sk", s(sortTooLong)))),
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit "
            + "of 1024 bytes");
  }

  @Test
  void sortKeyUpTo1024Bytes() {
    String ok = repeat('s', 1024);
    ddb.putItem(p -> p.tableName(composite).item(item("pk", s("p"), "sk", s(ok))));
    assertThat(get(composite, item("pk", s("p"), "sk", s(ok)))).isNotNull();
    String tooLong = repeat('s', 1025);
    expectValidation(() -> ddb.putItem(p -> p.tableName(composite).item(item("pk", s("p"), "sk", s(tooLong)))),
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit "
            + "of 1024 bytes");
  }

  @Test
  void queryAndScanPagesStopAtOneMegabyte() {
    String part = "pages";
    String value = repeat('v', 100 * 1024);
    for (int i = 0; i < 14; i++) {
      String sk = String.format("%02d", i);
      ddb.putItem(p -> p.tableName(composite).item(item("pk", s(part), "sk", s(sk), "d", s(value))));
    }
    QueryResponse first = ddb.query(q -> q.tableName(composite).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s(part))).consistentRead(true));
    assertThat(first.count()).isBetween(9, 11);
    assertThat(first.lastEvaluatedKey()).isNotEmpty();
    int total = first.count();
    Map<String, AttributeValue> start = first.lastEvaluatedKey();
    while (start != null && !start.isEmpty()) {
      Map<String, AttributeValue> from = start;
      QueryResponse r = ddb.query(q -> q.tableName(composite).keyConditionExpression("pk = :p")
          .expressionAttributeValues(Map.of(":p", s(part))).consistentRead(true).exclusiveStartKey(from));
      total += r.count();
      start = r.lastEvaluatedKey();
    }
    assertThat(total).isEqualTo(14);

    ScanResponse scan = ddb.scan(q -> q.tableName(composite).consistentRead(true));
    assertThat(scan.lastEvaluatedKey()).isNotEmpty();
    assertThat(scan.count()).isLessThan(14);
    Set<String> seen = new HashSet<>();
    scanAll(composite).forEach(i -> seen.add(i.get("pk").s() + "/" + i.get("sk").s()));
    assertThat(seen).hasSizeGreaterThanOrEqualTo(14);
  }
}
