package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * CreateTable with LocalSecondaryIndexes and GlobalSecondaryIndexes: the DescribeTable shapes (API reference,
 * LocalSecondaryIndexDescription and GlobalSecondaryIndexDescription) and the validation of index definitions.
 */
class IndexSchemaIT extends IndexBase {
  static final String INVALID = "One or more parameter values were invalid: ";

  static TableDescription describe(String name) {
    return ddb.describeTable(d -> d.tableName(name)).table();
  }

  static Projection projectionFor(int i) {
    return switch (i % 3) {
      case 0 -> all();
      case 1 -> keysOnly();
      default -> include("x", "y");
    };
  }

  @Test
  void fiveLocalAndTwentyGlobalIndexesAreDescribed() {
    List<LocalSecondaryIndex> lsis = IntStream.range(1, 6).mapToObj(i -> lsi("lsi-" + i, "l" + i, projectionFor(i)))
        .toList();
    List<GlobalSecondaryIndex> gsis = IntStream.range(0, 20)
        .mapToObj(i -> gsi(String.format("gsi-%02d", i), "g", i % 2 == 0 ? "gr" : null, projectionFor(i))).toList();
    String name = createIndexedTable("idx-desc", List.of(def("l1", ScalarAttributeType.S),
        def("l2", ScalarAttributeType.N), def("l3", ScalarAttributeType.B), def("l4", ScalarAttributeType.S),
        def("l5", ScalarAttributeType.S), def("g", ScalarAttributeType.S), def("gr", ScalarAttributeType.N)),
        b -> b.localSecondaryIndexes(lsis).globalSecondaryIndexes(gsis));

    TableDescription t = describe(name);
    assertThat(t.localSecondaryIndexes()).extracting(LocalSecondaryIndexDescription::indexName)
        .containsExactlyInAnyOrder("lsi-1", "lsi-2", "lsi-3", "lsi-4", "lsi-5");
    for (LocalSecondaryIndexDescription d : t.localSecondaryIndexes()) {
      LocalSecondaryIndex asked = lsis.stream().filter(l -> l.indexName().equals(d.indexName())).findFirst()
          .orElseThrow();
      assertThat(d.keySchema()).as(d.indexName()).containsExactlyElementsOf(asked.keySchema());
      assertThat(d.projection()).as(d.indexName()).isEqualTo(asked.projection());
      assertThat(d.indexArn()).isEqualTo(t.tableArn() + "/index/" + d.indexName());
      assertThat(d.indexSizeBytes()).isZero();
      assertThat(d.itemCount()).isZero();
    }
    assertThat(t.globalSecondaryIndexes()).hasSize(20);
    for (GlobalSecondaryIndexDescription d : t.globalSecondaryIndexes()) {
      GlobalSecondaryIndex asked = gsis.stream().filter(g -> g.indexName().equals(d.indexName())).findFirst()
          .orElseThrow(() -> new AssertionError("unexpected index " + d.indexName()));
      assertThat(d.keySchema()).as(d.indexName()).containsExactlyElementsOf(asked.keySchema());
      assertThat(d.projection()).as(d.indexName()).isEqualTo(asked.projection());
      assertThat(d.indexArn()).isEqualTo(t.tableArn() + "/index/" + d.indexName());
      assertThat(d.indexStatus()).as(d.indexName()).isEqualTo(IndexStatus.ACTIVE);
      assertThat(d.indexSizeBytes()).isZero();
      assertThat(d.itemCount()).isZero();
    }
  }

  @Test
  void rawDescribeTableShapeOfIndexes() {
    String name = createIndexedTable("idx-raw",
        List.of(def("l", ScalarAttributeType.N), def("g", ScalarAttributeType.S)),
        b -> b.localSecondaryIndexes(lsi("by-l", "l", keysOnly()))
            .globalSecondaryIndexes(gsi("by-g", "g", null, include("x"))));
    var r = raw("DescribeTable", "{\"TableName\":\"" + name + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode t = json(r.body()).path("Table");
    JsonNode l = t.path("LocalSecondaryIndexes");
    assertThat(l.isArray() && l.size() == 1).as(r.body()).isTrue();
    assertThat(l.get(0).path("IndexName").asText()).isEqualTo("by-l");
    assertThat(l.get(0).path("KeySchema")).isEqualTo(json(
        "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"l\",\"KeyType\":\"RANGE\"}]"));
    assertThat(l.get(0).path("Projection")).isEqualTo(json("{\"ProjectionType\":\"KEYS_ONLY\"}"));
    assertThat(l.get(0).path("IndexArn").asText()).isEqualTo(t.path("TableArn").asText() + "/index/by-l");
    assertThat(l.get(0).path("IndexSizeBytes").isIntegralNumber()).as(r.body()).isTrue();
    assertThat(l.get(0).path("ItemCount").isIntegralNumber()).as(r.body()).isTrue();
    // LocalSecondaryIndexDescription has no IndexStatus (only GSIs are built and deleted on their own)
    assertThat(l.get(0).has("IndexStatus")).as(r.body()).isFalse();
    JsonNode g = t.path("GlobalSecondaryIndexes");
    assertThat(g.isArray() && g.size() == 1).as(r.body()).isTrue();
    assertThat(g.get(0).path("IndexName").asText()).isEqualTo("by-g");
    assertThat(g.get(0).path("KeySchema")).isEqualTo(json("[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}]"));
    assertThat(g.get(0).path("Projection"))
        .isEqualTo(json("{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"x\"]}"));
    assertThat(g.get(0).path("IndexArn").asText()).isEqualTo(t.path("TableArn").asText() + "/index/by-g");
    assertThat(g.get(0).path("IndexStatus").asText()).isEqualTo("ACTIVE");
    assertThat(g.get(0).path("IndexSizeBytes").isIntegralNumber()).as(r.body()).isTrue();
    assertThat(g.get(0).path("ItemCount").isIntegralNumber()).as(r.body()).isTrue();
  }

  @Test
  void provisionedGlobalIndexesReportTheirThroughput() {
    String name = track(uniqueName("idx-prov"));
    create(CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
        .keySchema(hash("pk"))
        .globalSecondaryIndexes(gsi("by-g", "g", null, all()).toBuilder()
            .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(3L)).build()).build());
    GlobalSecondaryIndexDescription d = describe(name).globalSecondaryIndexes().get(0);
    assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
    assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
  }

  // ---- validation ----

  @Test
  void localIndexRules() {
    expectValidation(() -> ddb.createTable(CreateTableRequest.builder().tableName(uniqueName("idx-bad"))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(def("pk", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
            .keySchema(hash("pk")).localSecondaryIndexes(lsi("by-l", "l", all())).build()),
        INVALID + "Table KeySchema does not have a range key, which is required when specifying a "
            + "LocalSecondaryIndex");
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S), def("other", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
            .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-l")
                .keySchema(hash("other"), range("l")).projection(all()).build()).build()),
        INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: by-l. "
            + "index hash key: other, table hash key: pk");
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S))
            .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-pk").keySchema(hash("pk"))
                .projection(all()).build()).build()),
        INVALID + "Index KeySchema does not have a range key for index: by-pk");
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S)).localSecondaryIndexes(List.of()).build()),
        INVALID + "List of LocalSecondaryIndexes is empty");
  }

  @Test
  void atMostFiveLocalIndexes() {
    List<AttributeDefinition> defs = new ArrayList<>(List.of(
        def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S)));
    List<LocalSecondaryIndex> lsis = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      defs.add(def("l" + i, ScalarAttributeType.S));
      lsis.add(lsi("lsi-" + i, "l" + i, keysOnly()));
    }
    expectValidation(() -> ddb.createTable(invalidTable().attributeDefinitions(defs).localSecondaryIndexes(lsis)
            .build()),
        INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
  }

  @Test
  void atMostTwentyGlobalIndexes() {
    List<GlobalSecondaryIndex> gsis = IntStream.range(0, 21)
        .mapToObj(i -> gsi(String.format("gsi-%02d", i), "g", null, keysOnly())).toList();
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S), def("g", ScalarAttributeType.S)).globalSecondaryIndexes(gsis).build()),
        INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
  }

  @Test
  void globalIndexRules() {
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
            .globalSecondaryIndexes(gsi("by-g", "g", null, all()).toBuilder()
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)).build()).build()),
        INVALID + "ProvisionedThroughput should not be specified for index: by-g when BillingMode is "
            + "PAY_PER_REQUEST");
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S)).globalSecondaryIndexes(List.of()).build()),
        INVALID + "List of GlobalSecondaryIndexes is empty");
  }

  @Test
  void indexNamesMustBeUnique() {
    var defs = new AttributeDefinition[] {
        def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S), def("l", ScalarAttributeType.S),
        def("g", ScalarAttributeType.S)};
    expectValidation(() -> ddb.createTable(invalidTable(defs)
            .localSecondaryIndexes(lsi("twin", "l", all()), lsi("twin", "l", keysOnly())).build()),
        INVALID + "Duplicate index name: twin");
    expectValidation(() -> ddb.createTable(invalidTable(defs)
            .globalSecondaryIndexes(gsi("twin", "g", null, all()), gsi("twin", "g", "l", all())).build()),
        INVALID + "Duplicate index name: twin");
    expectValidation(() -> ddb.createTable(invalidTable(defs).localSecondaryIndexes(lsi("twin", "l", all()))
            .globalSecondaryIndexes(gsi("twin", "g", null, all())).build()),
        INVALID + "Duplicate index name: twin");
  }

  @Test
  void projectionRules() {
    var defs = new AttributeDefinition[] {
        def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S), def("l", ScalarAttributeType.S),
        def("g", ScalarAttributeType.S)};
    expectValidation(() -> ddb.createTable(invalidTable(defs).globalSecondaryIndexes(gsi("by-g", "g", null,
            Projection.builder().projectionType(ProjectionType.ALL).nonKeyAttributes("x").build())).build()),
        INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified");
    expectValidation(() -> ddb.createTable(invalidTable(defs).localSecondaryIndexes(lsi("by-l", "l",
            Projection.builder().projectionType(ProjectionType.KEYS_ONLY).nonKeyAttributes("x").build())).build()),
        INVALID + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified");
    expectValidation(() -> ddb.createTable(invalidTable(defs).globalSecondaryIndexes(gsi("by-g", "g", null,
            Projection.builder().build())).build()),
        INVALID + "Unknown ProjectionType: null");
  }

  @Test
  @ReferenceDiffers(reason = "accepts ProjectionType INCLUDE without NonKeyAttributes")
  void includeNeedsNonKeyAttributes() {
    // DynamoDB's answer as logged by AWS SDK clients (ValidationException, status 400), e.g. in CloudFormation
    // and boto3 reports; also pinned by the dynoxide conformance suite recorded against DynamoDB.
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
            .globalSecondaryIndexes(gsi("by-g", "g", null, Projection.builder()
                .projectionType(ProjectionType.INCLUDE).build())).build()),
        INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }

  @Test
  void indexKeysMustBeDefined() {
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S)).globalSecondaryIndexes(gsi("by-g", "g", null, all())).build()),
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [g], "
            + "AttributeDefinitions: [pk, sk]");
    expectValidation(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S)).localSecondaryIndexes(lsi("by-l", "l", all())).build()),
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [pk, l], "
            + "AttributeDefinitions: [pk, sk]");
  }

  @Test
  @ReferenceDiffers(reason = "accepts AttributeDefinitions that no key schema uses once the table has indexes")
  void unusedAttributeDefinitionsAreRejected() {
    // "Some AttributeDefinitions are not used. AttributeDefinitions: [...], keys used: [...]" is DynamoDB's text
    // (quoted from AWS in CloudFormation failures and in moto's tests); the order inside the lists is not
    // documented, so only the sentence is asserted.
    expectErrorContaining(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S), def("g", ScalarAttributeType.S), def("unused", ScalarAttributeType.S))
            .globalSecondaryIndexes(gsi("by-g", "g", null, all())).build()),
        VALIDATION, INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: [", "unused",
        "keys used: [");
  }

  @Test
  @ReferenceDiffers(reason = "accepts a GSI without ProvisionedThroughput on a PROVISIONED table")
  void provisionedTableNeedsIndexThroughput() {
    // DynamoDB: "One or more parameter values were invalid: ProvisionedThroughput is not specified for index: by-g"
    // (CreateTable; catalogued from DynamoDB's answers by emulator conformance suites); asserted by key phrase.
    expectErrorContaining(() -> ddb.createTable(invalidTable(def("pk", ScalarAttributeType.S),
            def("sk", ScalarAttributeType.S), def("g", ScalarAttributeType.S)).billingMode(BillingMode.PROVISIONED)
            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
            .globalSecondaryIndexes(gsi("by-g", "g", null, all())).build()),
        VALIDATION, INVALID + "ProvisionedThroughput", "index: by-g");
  }
}
