package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** Control plane: CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables, tags, limits, endpoints. */
class TablesIT extends CompatBase {
  static final Pattern ARN = Pattern.compile("arn:aws:dynamodb:us-east-1:\\d{12}:table/(.+)");
  static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  static CreateTableRequest.Builder hashOnly(String name) {
    return CreateTableRequest.builder().tableName(name)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build());
  }

  static TableDescription describe(String name) {
    return ddb.describeTable(d -> d.tableName(name)).table();
  }

  @Test
  void describeTableShapeOnDemand() {
    Instant before = Instant.now().minus(Duration.ofMinutes(5));
    String name = createCompositeTable("desc", ScalarAttributeType.S, ScalarAttributeType.N);
    TableDescription t = describe(name);
    assertThat(t.tableName()).isEqualTo(name);
    var arn = ARN.matcher(t.tableArn());
    assertThat(arn.matches()).as(t.tableArn()).isTrue();
    assertThat(arn.group(1)).isEqualTo(name);
    assertThat(t.creationDateTime()).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(5)));
    assertThat(t.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(t.keySchema()).containsExactly(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH)
        .build(), KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
    assertThat(t.attributeDefinitions()).containsExactlyInAnyOrder(
        AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
        AttributeDefinition.builder().attributeName("sk").attributeType("N").build());
    assertThat(t.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(t.provisionedThroughput().readCapacityUnits()).isZero();
    assertThat(t.provisionedThroughput().writeCapacityUnits()).isZero();
    assertThat(t.provisionedThroughput().numberOfDecreasesToday()).isZero();
    assertThat(t.itemCount()).isZero();
    assertThat(t.tableSizeBytes()).isZero();
  }

  @Test
  @ReferenceDiffers(reason = "TableId is not a well-formed UUID (last group has 8 hex digits)")
  void tableIdIsAUuid() {
    String name = createHashTable("desc-id", ScalarAttributeType.S);
    assertThat(describe(name).tableId()).matches(UUID);
  }

  @Test
  @ReferenceDiffers(reason = "predates deletion protection: DescribeTable has no DeletionProtectionEnabled")
  void describeTableReportsDeletionProtection() {
    String name = createHashTable("desc-dp", ScalarAttributeType.S);
    assertThat(describe(name).deletionProtectionEnabled()).isFalse();
  }

  @Test
  void describeTableShapeProvisioned() {
    String name = track(uniqueName("desc-prov"));
    TableDescription created = ddb.createTable(hashOnly(name).provisionedThroughput(
        ProvisionedThroughput.builder().readCapacityUnits(2L).writeCapacityUnits(3L).build()).build())
        .tableDescription();
    assertThat(created.tableName()).isEqualTo(name);
    assertThat(created.tableStatus()).isIn(TableStatus.CREATING, TableStatus.ACTIVE);
    waitActive(name);
    TableDescription t = describe(name);
    assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
    assertThat(t.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
    assertThat(t.itemCount()).isZero();
  }

  @Test
  @ReferenceDiffers(reason = "answers CreateTable of an existing table with an empty message")
  void createExistingTable() {
    String name = createHashTable("dup", ScalarAttributeType.S);
    expectError(() -> ddb.createTable(hashOnly(name).billingMode(BillingMode.PAY_PER_REQUEST).build()),
        "ResourceInUseException", "Table already exists: " + name);
  }

  @Test
  void createTableErrors() {
    expectValidation(() -> ddb.createTable(hashOnly("ab").billingMode(BillingMode.PAY_PER_REQUEST).build()),
        "TableName must be at least 3 characters long and at most 255 characters long");
    expectValidation(() -> ddb.createTable(hashOnly(uniqueName("x")).build()),
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified "
            + "when BillingMode is PROVISIONED");
    expectValidation(() -> ddb.createTable(hashOnly(uniqueName("x")).billingMode(BillingMode.PAY_PER_REQUEST)
            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)).build()),
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
            + "specified when BillingMode is PAY_PER_REQUEST");
    expectValidation(() -> ddb.createTable(CreateTableRequest.builder().tableName(uniqueName("x"))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(AttributeDefinition.builder().attributeName("b").attributeType("S").build())
            .keySchema(KeySchemaElement.builder().attributeName("a").keyType(KeyType.HASH).build()).build()),
        "One or more parameter values were invalid: Some index key attributes are not defined in "
            + "AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]");
    expectValidation(() -> ddb.createTable(CreateTableRequest.builder().tableName(uniqueName("x"))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(AttributeDefinition.builder().attributeName("a").attributeType("S").build(),
                AttributeDefinition.builder().attributeName("b").attributeType("S").build())
            .keySchema(KeySchemaElement.builder().attributeName("a").keyType(KeyType.HASH).build()).build()),
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number "
            + "of attributes defined in AttributeDefinitions");
    expectValidation(() -> ddb.createTable(CreateTableRequest.builder().tableName(uniqueName("x"))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(AttributeDefinition.builder().attributeName("a").attributeType("S").build(),
                AttributeDefinition.builder().attributeName("b").attributeType("S").build())
            .keySchema(KeySchemaElement.builder().attributeName("a").keyType(KeyType.RANGE).build(),
                KeySchemaElement.builder().attributeName("b").keyType(KeyType.HASH).build()).build()),
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    expectValidation(() -> ddb.createTable(CreateTableRequest.builder().tableName(uniqueName("x"))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(AttributeDefinition.builder().attributeName("a").attributeType("SS").build())
            .keySchema(KeySchemaElement.builder().attributeName("a").keyType(KeyType.HASH).build()).build()),
        "1 validation error detected: Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to "
            + "satisfy constraint: Member must satisfy enum value set: [B, N, S]");
  }

  @Test
  void describeAndDeleteMissingTables() {
    expectError(() -> ddb.describeTable(d -> d.tableName("compat-no-such-table")), "ResourceNotFoundException",
        "Requested resource not found: Table: compat-no-such-table not found");
    expectError(() -> ddb.deleteTable(d -> d.tableName("compat-no-such-table")), "ResourceNotFoundException",
        "Requested resource not found: Table: compat-no-such-table not found");
  }

  @Test
  void deleteTable() {
    String name = createHashTable("del", ScalarAttributeType.S);
    ddb.putItem(p -> p.tableName(name).item(item("pk", s("x"))));
    TableDescription d = ddb.deleteTable(r -> r.tableName(name)).tableDescription();
    assertThat(d.tableName()).isEqualTo(name);
    assertThat(d.tableStatus()).isEqualTo(TableStatus.DELETING);
    waitGone(name);
    expectError(() -> ddb.getItem(g -> g.tableName(name).key(item("pk", s("x")))), "ResourceNotFoundException",
        "Requested resource not found");
  }

  @Test
  @ReferenceDiffers(reason = "has no deletion protection (DeletionProtectionEnabled is ignored)")
  void deletionProtection() {
    String name = track(uniqueName("protected"));
    create(hashOnly(name).billingMode(BillingMode.PAY_PER_REQUEST).deletionProtectionEnabled(true).build());
    assertThat(describe(name).deletionProtectionEnabled()).isTrue();
    expectValidation(() -> ddb.deleteTable(r -> r.tableName(name)),
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection "
            + "first.");
    assertThat(describe(name).tableStatus()).isEqualTo(TableStatus.ACTIVE);
    ddb.updateTable(u -> u.tableName(name).deletionProtectionEnabled(false));
    waitActive(name);
    assertThat(describe(name).deletionProtectionEnabled()).isFalse();
    ddb.deleteTable(r -> r.tableName(name));
    waitGone(name);
  }

  @Test
  void updateTableThroughputAndBillingMode() {
    String name = track(uniqueName("upd"));
    create(hashOnly(name).provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)).build());
    TableDescription u = ddb.updateTable(r -> r.tableName(name)
        .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(4L))).tableDescription();
    assertThat(u.tableName()).isEqualTo(name);
    waitActive(name);
    TableDescription t = describe(name);
    assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
    assertThat(t.provisionedThroughput().writeCapacityUnits()).isEqualTo(4L);
    expectValidation(() -> ddb.updateTable(r -> r.tableName(name)
            .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(4L))),
        "The provisioned throughput for the table will not change. The requested value equals the current value. "
            + "Current ReadCapacityUnits provisioned for the table: 2. Requested ReadCapacityUnits: 2. Current "
            + "WriteCapacityUnits provisioned for the table: 4. Requested WriteCapacityUnits: 4. Refer to the Amazon "
            + "DynamoDB Developer Guide for current limits and how to request higher limits.");
    ddb.updateTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST));
    waitActive(name);
    assertThat(describe(name).billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    expectError(() -> ddb.updateTable(r -> r.tableName("compat-no-such-table")
            .billingMode(BillingMode.PAY_PER_REQUEST)), "ResourceNotFoundException",
        "Requested resource not found: Table: compat-no-such-table not found");
  }

  @Test
  void listTablesPagination() {
    String prefix = uniqueName("list");
    List<String> mine = new ArrayList<>();
    for (String suffix : List.of("-a", "-b", "-c")) {
      String name = track(prefix + suffix);
      create(hashOnly(name).billingMode(BillingMode.PAY_PER_REQUEST).build());
      mine.add(name);
    }
    List<String> all = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      ListTablesResponse r = ddb.listTables(l -> l.limit(2).exclusiveStartTableName(from));
      assertThat(r.tableNames().size()).isLessThanOrEqualTo(2);
      all.addAll(r.tableNames());
      start = r.lastEvaluatedTableName();
      if (start != null) {
        assertThat(start).isEqualTo(r.tableNames().get(r.tableNames().size() - 1));
      }
    } while (start != null);
    assertThat(all).containsAll(mine).isSorted().doesNotHaveDuplicates();
    ListTablesResponse after = ddb.listTables(l -> l.exclusiveStartTableName(mine.get(0)).limit(2));
    assertThat(after.tableNames()).startsWith(mine.get(1), mine.get(2));
    expectValidation(() -> ddb.listTables(l -> l.limit(200)),
        "1 validation error detected: Value '200' at 'limit' failed to satisfy constraint: Member must have value "
            + "less than or equal to 100");
  }

  @Test
  void tags() {
    String name = createHashTable("tags", ScalarAttributeType.S);
    String arn = describe(name).tableArn();
    ddb.tagResource(t -> t.resourceArn(arn).tags(Tag.builder().key("team").value("db").build(),
        Tag.builder().key("env").value("test").build()));
    assertThat(ddb.listTagsOfResource(l -> l.resourceArn(arn)).tags()).containsExactlyInAnyOrder(
        Tag.builder().key("team").value("db").build(), Tag.builder().key("env").value("test").build());
    ddb.tagResource(t -> t.resourceArn(arn).tags(Tag.builder().key("env").value("prod").build()));
    ddb.untagResource(u -> u.resourceArn(arn).tagKeys("team"));
    assertThat(ddb.listTagsOfResource(l -> l.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("env").value("prod").build());
  }

  @Test
  @ReferenceDiffers(reason = "ignores Tags given to CreateTable")
  void tagsAtCreation() {
    String tagged = track(uniqueName("tags-create"));
    create(hashOnly(tagged).billingMode(BillingMode.PAY_PER_REQUEST)
        .tags(Tag.builder().key("k").value("v").build()).build());
    assertThat(ddb.listTagsOfResource(l -> l.resourceArn(describe(tagged).tableArn())).tags())
        .containsExactly(Tag.builder().key("k").value("v").build());
  }

  @Test
  @ReferenceDiffers(reason = "has no DescribeLimits (UnknownOperationException)")
  void describeLimits() {
    DescribeLimitsResponse r = ddb.describeLimits(d -> { });
    assertThat(r.accountMaxReadCapacityUnits()).isPositive();
    assertThat(r.accountMaxWriteCapacityUnits()).isPositive();
    assertThat(r.tableMaxReadCapacityUnits()).isPositive();
    assertThat(r.tableMaxWriteCapacityUnits()).isPositive();
    assertThat(r.tableMaxReadCapacityUnits()).isLessThanOrEqualTo(r.accountMaxReadCapacityUnits());
  }

  @Test
  @ReferenceDiffers(reason = "has no DescribeEndpoints (UnknownOperationException)")
  void describeEndpoints() {
    var r = ddb.describeEndpoints(d -> { });
    assertThat(r.endpoints()).hasSize(1);
    assertThat(r.endpoints().get(0).address()).isNotBlank();
    assertThat(r.endpoints().get(0).cachePeriodInMinutes()).isEqualTo(1440L);
  }
}
