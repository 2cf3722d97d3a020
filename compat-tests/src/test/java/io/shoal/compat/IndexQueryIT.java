package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query and Scan with IndexName: index key conditions and order, sparse indexes, projections and Select, paging
 * (LastEvaluatedKey holds the table key plus the index key), ConsistentRead, unknown indexes, ConsumedCapacity.
 *
 * <p>One table, pk (S) + sk (S), items p/01..p/10 and q/01: ls = v(11-k) so the LSI reverses the table order; ln
 * only on even k (sparse); gh = g for k 1-6, h for 7-9, absent on 10 (sparse); gr = 100-k; a and b everywhere.
 */
class IndexQueryIT extends IndexBase {
  static String table;

  @BeforeAll
  static void seed() {
    table = createIndexedTable("idx-query", List.of(def("ls", ScalarAttributeType.S),
        def("ln", ScalarAttributeType.N), def("gh", ScalarAttributeType.S), def("gr", ScalarAttributeType.N)),
        b -> b.localSecondaryIndexes(lsi("by-ls", "ls", all()), lsi("by-ln", "ln", keysOnly()))
            .globalSecondaryIndexes(gsi("by-gh-gr", "gh", "gr", all()), gsi("by-gh", "gh", null, keysOnly()),
                gsi("incl", "gh", "gr", include("a"))));
    for (int k = 1; k <= 10; k++) {
      Map<String, AttributeValue> item = item("pk", s("p"), "sk", s(String.format("%02d", k)),
          "ls", s(String.format("v%02d", 11 - k)), "gr", n(100 - k), "a", s("a" + k), "b", s("b" + k));
      if (k % 2 == 0) {
        item.put("ln", n(k * 10));
      }
      if (k <= 9) {
        item.put("gh", s(k <= 6 ? "g" : "h"));
      }
      ddb.putItem(p -> p.tableName(table).item(item));
    }
    ddb.putItem(p -> p.tableName(table).item(item("pk", s("q"), "sk", s("01"), "ls", s("v05"), "ln", n(20),
        "gh", s("q-only"), "gr", n(1), "a", s("aq"), "b", s("bq"))));
    // GSIs are eventually consistent: wait (bounded) until the seeded items are all there
    for (String index : List.of("by-gh-gr", "by-gh", "incl")) {
      int seen = eventually(() -> ddb.scan(s -> s.tableName(table).indexName(index)).count(), c -> c == 10);
      assertThat(seen).as("items in %s after %s", index, GSI_LAG).isEqualTo(10);
    }
  }

  static QueryResponse query(String index, String keyCondition, Map<String, AttributeValue> values) {
    return ddb.query(q -> q.tableName(table).indexName(index).keyConditionExpression(keyCondition)
        .expressionAttributeValues(values));
  }

  static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
    return strings(items, "sk");
  }

  @Test
  void localIndexQueryFollowsTheIndexSortKey() {
    QueryResponse r = ddb.query(q -> q.tableName(table).indexName("by-ls").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("p"))).consistentRead(true));
    assertThat(sortKeys(r.items())).containsExactly("10", "09", "08", "07", "06", "05", "04", "03", "02", "01");
    assertThat(r.items().get(0)).isEqualTo(get(table, item("pk", s("p"), "sk", s("10"))));
    QueryResponse back = ddb.query(q -> q.tableName(table).indexName("by-ls").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("p"))).scanIndexForward(false));
    assertThat(sortKeys(back.items())).containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10");
    QueryResponse between = query("by-ls", "pk = :p AND ls BETWEEN :a AND :b",
        Map.of(":p", s("p"), ":a", s("v03"), ":b", s("v05")));
    assertThat(sortKeys(between.items())).containsExactly("08", "07", "06");
    QueryResponse prefix = query("by-ls", "pk = :p AND begins_with(ls, :v)", Map.of(":p", s("q"), ":v", s("v0")));
    assertThat(sortKeys(prefix.items())).containsExactly("01");
  }

  @Test
  void globalIndexQueryFollowsTheIndexKeys() {
    QueryResponse r = query("by-gh-gr", "gh = :g", Map.of(":g", s("g")));
    assertThat(sortKeys(r.items())).containsExactly("06", "05", "04", "03", "02", "01");
    assertThat(r.count()).isEqualTo(6);
    assertThat(r.scannedCount()).isEqualTo(6);
    assertThat(r.items().get(0)).isEqualTo(get(table, item("pk", s("p"), "sk", s("06"))));
    assertThat(sortKeys(query("by-gh-gr", "gh = :g AND gr > :r", Map.of(":g", s("g"), ":r", n(96))).items()))
        .containsExactly("03", "02", "01");
    QueryResponse back = ddb.query(q -> q.tableName(table).indexName("by-gh-gr").keyConditionExpression("gh = :g")
        .expressionAttributeValues(Map.of(":g", s("h"))).scanIndexForward(false));
    assertThat(sortKeys(back.items())).containsExactly("07", "08", "09");
    QueryResponse filtered = ddb.query(q -> q.tableName(table).indexName("by-gh-gr").keyConditionExpression("gh = :g")
        .filterExpression("a = :a").expressionAttributeValues(Map.of(":g", s("g"), ":a", s("a2"))));
    assertThat(sortKeys(filtered.items())).containsExactly("02");
    assertThat(filtered.scannedCount()).isEqualTo(6);
  }

  @Test
  void indexKeyConditionMustNameTheIndexHashKey() {
    expectValidation(() -> query("by-gh-gr", "pk = :p", Map.of(":p", s("p"))),
        "Query condition missed key schema element: gh");
    expectValidation(() -> query("by-gh-gr", "gh = :g", Map.of(":g", n(1))),
        "One or more parameter values were invalid: Condition parameter type does not match schema type");
  }

  @Test
  void consistentReadsOnGlobalIndexesAreRejected() {
    expectValidation(() -> ddb.query(q -> q.tableName(table).indexName("by-gh-gr").keyConditionExpression("gh = :g")
            .expressionAttributeValues(Map.of(":g", s("g"))).consistentRead(true)),
        "Consistent reads are not supported on global secondary indexes");
    // allowed on a local index
    assertThat(ddb.scan(q -> q.tableName(table).indexName("by-ls").consistentRead(true)).count()).isEqualTo(11);
  }

  @Test
  @ReferenceDiffers(reason = "ignores ConsistentRead on Scan, so it accepts a consistent Scan of a GSI")
  void consistentScansOfGlobalIndexesAreRejected() {
    // Scan API reference: "If you scan a global secondary index with ConsistentRead set to true, you will receive a
    // ValidationException"; the text is Query's (not confirmed for Scan), so only its key phrase is asserted.
    expectErrorContaining(() -> ddb.scan(q -> q.tableName(table).indexName("by-gh").consistentRead(true)),
        VALIDATION, "Consistent reads are not supported on global secondary indexes");
  }

  @Test
  void unknownIndexesAreRejected() {
    expectValidation(() -> query("nope", "pk = :p", Map.of(":p", s("p"))),
        "The table does not have the specified index: nope");
    expectValidation(() -> ddb.scan(q -> q.tableName(table).indexName("nope")),
        "The table does not have the specified index: nope");
  }

  @Test
  void itemsWithoutTheIndexKeyAreNotInTheIndex() {
    ScanResponse ln = ddb.scan(q -> q.tableName(table).indexName("by-ln").consistentRead(true));
    assertThat(ln.items()).extracting(i -> i.get("pk").s() + "/" + i.get("sk").s())
        .containsExactlyInAnyOrder("p/02", "p/04", "p/06", "p/08", "p/10", "q/01");
    assertThat(ln.scannedCount()).isEqualTo(6);
    ScanResponse gh = ddb.scan(q -> q.tableName(table).indexName("by-gh"));
    assertThat(gh.count()).isEqualTo(10);
    assertThat(gh.items()).noneMatch(i -> i.get("sk").s().equals("10"));
    assertThat(query("by-ln", "pk = :p AND ln >= :n", Map.of(":p", s("p"), ":n", n(60))).items())
        .extracting(i -> i.get("sk").s()).containsExactly("06", "08", "10");
  }

  @Test
  void projectionsDecideTheReturnedAttributes() {
    // KEYS_ONLY: the table key and the index key
    assertThat(query("by-ln", "pk = :p", Map.of(":p", s("p"))).items())
        .hasSize(5).allSatisfy(i -> assertThat(i.keySet()).containsExactlyInAnyOrder("pk", "sk", "ln"));
    assertThat(ddb.scan(q -> q.tableName(table).indexName("by-gh")).items())
        .allSatisfy(i -> assertThat(i.keySet()).containsExactlyInAnyOrder("pk", "sk", "gh"));
    // INCLUDE: keys plus the listed attributes; ALL_PROJECTED_ATTRIBUTES is the default on an index
    QueryResponse incl = query("incl", "gh = :g", Map.of(":g", s("g")));
    assertThat(incl.items()).hasSize(6)
        .allSatisfy(i -> assertThat(i.keySet()).containsExactlyInAnyOrder("pk", "sk", "gh", "gr", "a"));
    QueryResponse projected = ddb.query(q -> q.tableName(table).indexName("incl").keyConditionExpression("gh = :g")
        .expressionAttributeValues(Map.of(":g", s("g"))).select(Select.ALL_PROJECTED_ATTRIBUTES));
    assertThat(projected.items()).isEqualTo(incl.items());
    // ProjectionExpression picks among the projected attributes
    assertThat(ddb.query(q -> q.tableName(table).indexName("by-gh-gr").keyConditionExpression("gh = :g")
            .expressionAttributeValues(Map.of(":g", s("h"))).projectionExpression("sk, a")).items())
        .containsExactly(item("sk", s("09"), "a", s("a9")), item("sk", s("08"), "a", s("a8")),
            item("sk", s("07"), "a", s("a7")));
    // Select=COUNT on an index
    QueryResponse count = ddb.query(q -> q.tableName(table).indexName("by-gh").keyConditionExpression("gh = :g")
        .expressionAttributeValues(Map.of(":g", s("g"))).select(Select.COUNT));
    assertThat(count.count()).isEqualTo(6);
    assertThat(count.hasItems()).isFalse();
  }

  @Test
  void allAttributesFromALocalIndexFetchesWholeItems() {
    QueryResponse r = ddb.query(q -> q.tableName(table).indexName("by-ln").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.ALL_ATTRIBUTES).consistentRead(true));
    assertThat(sortKeys(r.items())).containsExactly("02", "04", "06", "08", "10");
    for (Map<String, AttributeValue> i : r.items()) {
      assertThat(i).isEqualTo(get(table, item("pk", i.get("pk"), "sk", i.get("sk"))));
    }
  }

  @Test
  void allAttributesFromAGlobalIndexNeedsProjectionAll() {
    expectValidation(() -> ddb.query(q -> q.tableName(table).indexName("by-gh").keyConditionExpression("gh = :g")
            .expressionAttributeValues(Map.of(":g", s("g"))).select(Select.ALL_ATTRIBUTES)),
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
            + "secondary index by-gh because its projection type is not ALL");
    expectValidation(() -> ddb.scan(q -> q.tableName(table).indexName("incl").select(Select.ALL_ATTRIBUTES)),
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
            + "secondary index incl because its projection type is not ALL");
    assertThat(ddb.query(q -> q.tableName(table).indexName("by-gh-gr").keyConditionExpression("gh = :g")
        .expressionAttributeValues(Map.of(":g", s("g"))).select(Select.ALL_ATTRIBUTES)).count()).isEqualTo(6);
  }

  /** Every page's LastEvaluatedKey holds exactly {@code keys}, taken from the page's last item. */
  static void assertStartKeys(List<Map<String, AttributeValue>> lastItems, List<Map<String, AttributeValue>> lastKeys,
      Set<String> keys) {
    for (int i = 0; i < lastKeys.size(); i++) {
      Map<String, AttributeValue> lek = lastKeys.get(i);
      assertThat(lek.keySet()).as("LastEvaluatedKey %s", lek).containsExactlyInAnyOrderElementsOf(keys);
      Map<String, AttributeValue> last = lastItems.get(i);
      for (String k : keys) {
        assertThat(lek.get(k)).as("%s of LastEvaluatedKey", k).isEqualTo(last.get(k));
      }
    }
  }

  @Test
  void pagingThroughAGlobalIndex() {
    List<QueryResponse> pages = queryPages(QueryRequest.builder().tableName(table).indexName("by-gh-gr")
        .keyConditionExpression("gh = :g").expressionAttributeValues(Map.of(":g", s("g"))).limit(4).build());
    assertThat(pages.get(0).count()).isEqualTo(4);
    List<Map<String, AttributeValue>> all = new ArrayList<>();
    List<Map<String, AttributeValue>> lastItems = new ArrayList<>();
    List<Map<String, AttributeValue>> lastKeys = new ArrayList<>();
    for (QueryResponse p : pages) {
      assertThat(p.count()).isLessThanOrEqualTo(4);
      all.addAll(p.items());
      if (p.hasLastEvaluatedKey() && !p.lastEvaluatedKey().isEmpty()) {
        lastKeys.add(p.lastEvaluatedKey());
        lastItems.add(p.items().get(p.items().size() - 1));
      }
    }
    assertThat(lastKeys).isNotEmpty();
    assertStartKeys(lastItems, lastKeys, Set.of("pk", "sk", "gh", "gr"));
    assertThat(sortKeys(all)).containsExactly("06", "05", "04", "03", "02", "01");
  }

  @Test
  void pagingThroughALocalIndexBackwards() {
    List<QueryResponse> pages = queryPages(QueryRequest.builder().tableName(table).indexName("by-ls")
        .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p"))).limit(3)
        .scanIndexForward(false).consistentRead(true).build());
    List<Map<String, AttributeValue>> all = new ArrayList<>();
    List<Map<String, AttributeValue>> lastItems = new ArrayList<>();
    List<Map<String, AttributeValue>> lastKeys = new ArrayList<>();
    for (QueryResponse p : pages) {
      all.addAll(p.items());
      if (p.hasLastEvaluatedKey() && !p.lastEvaluatedKey().isEmpty()) {
        lastKeys.add(p.lastEvaluatedKey());
        lastItems.add(p.items().get(p.items().size() - 1));
      }
    }
    assertThat(lastKeys).hasSizeGreaterThanOrEqualTo(3);
    assertStartKeys(lastItems, lastKeys, Set.of("pk", "sk", "ls"));
    assertThat(sortKeys(all)).containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10");
  }

  @Test
  void pagingAScanOfAGlobalIndexReturnsEveryItemOnce() {
    List<ScanResponse> pages = scanPages(ScanRequest.builder().tableName(table).indexName("by-gh").limit(3).build());
    Map<String, Integer> seen = new HashMap<>();
    for (ScanResponse p : pages) {
      assertThat(p.count()).isLessThanOrEqualTo(3);
      p.items().forEach(i -> seen.merge(i.get("pk").s() + "/" + i.get("sk").s(), 1, Integer::sum));
      if (p.hasLastEvaluatedKey() && !p.lastEvaluatedKey().isEmpty()) {
        assertStartKeys(List.of(p.items().get(p.items().size() - 1)), List.of(p.lastEvaluatedKey()),
            Set.of("pk", "sk", "gh"));
      }
    }
    assertThat(seen).hasSize(10);
    assertThat(seen.values()).containsOnly(1);
  }

  @Test
  void consumedCapacityNamesTheIndex() {
    // a few small items: half a unit eventually consistent, one unit strongly consistent (a 4 KB read unit)
    QueryResponse global = ddb.query(q -> q.tableName(table).indexName("by-gh-gr").keyConditionExpression("gh = :g")
        .expressionAttributeValues(Map.of(":g", s("g"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertThat(global.consumedCapacity().tableName()).isEqualTo(table);
    assertThat(global.consumedCapacity().capacityUnits()).isEqualTo(0.5);
    assertThat(global.consumedCapacity().globalSecondaryIndexes()).containsOnlyKeys("by-gh-gr");
    assertThat(global.consumedCapacity().globalSecondaryIndexes().get("by-gh-gr").capacityUnits()).isEqualTo(0.5);
    assertThat(global.consumedCapacity().hasLocalSecondaryIndexes()).isFalse();

    QueryResponse local = ddb.query(q -> q.tableName(table).indexName("by-ls").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("p"))).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertThat(local.consumedCapacity().capacityUnits()).isEqualTo(1.0);
    assertThat(local.consumedCapacity().localSecondaryIndexes()).containsOnlyKeys("by-ls");
    assertThat(local.consumedCapacity().localSecondaryIndexes().get("by-ls").capacityUnits()).isEqualTo(1.0);
    assertThat(local.consumedCapacity().hasGlobalSecondaryIndexes()).isFalse();

    QueryResponse total = ddb.query(q -> q.tableName(table).indexName("by-gh-gr").keyConditionExpression("gh = :g")
        .expressionAttributeValues(Map.of(":g", s("g"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(total.consumedCapacity().capacityUnits()).isEqualTo(0.5);
    assertThat(total.consumedCapacity().hasGlobalSecondaryIndexes()).isFalse();
    assertThat(total.consumedCapacity().table()).isNull();
  }
}
