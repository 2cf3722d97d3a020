package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import io.shoal.proto.Tag;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * CreateTable, DescribeTable, ListTables and DeleteTable. DeleteTable of a table with deletion protection is refused
 * by the metadata group at apply (so a concurrent UpdateTable that enables it is honoured in log order).
 */
public final class TablesApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INVALID = "One or more parameter values were invalid: ";

  // Texts for the operations that name one table (dynalite validations/index.js checkValidations and
  // test/createTable.js; DynamoDB Local ErrorFactory INVALID_TABLE_NAME_LENGTH).
  static final String TABLE_NAME_REQUIRED =
      "The parameter 'TableName' is required but was not present in the request";
  static final String TABLE_NAME_LENGTH =
      "TableName must be at least 3 characters long and at most 255 characters long";

  /** ListTables page size when Limit is absent, and its maximum (API reference, ListTables). */
  static final int MAX_LIST_LIMIT = 100;
  /** Largest capacity DynamoDB accepts (dynalite validations/createTable.js). */
  static final long MAX_CAPACITY_UNITS = 1_000_000_000_000L;

  private final Cluster cluster;
  private final ApiSettings settings;

  public TablesApi(Cluster cluster, ApiSettings settings) {
    this.cluster = Objects.requireNonNull(cluster);
    this.settings = Objects.requireNonNull(settings);
  }

  // ---------------------------------------------------------------------------------------------
  // CreateTable
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> createTable(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types, in DynamoDB's member order.
    ArrayNode defsJson = RequestFields.list(body, "AttributeDefinitions");
    List<ObjectNode> defs = structures(defsJson, "AttributeDefinition");
    for (ObjectNode d : defs) {
      if (d != null) {
        RequestFields.string(d, "AttributeName");
        RequestFields.string(d, "AttributeType");
      }
    }
    String name = RequestFields.string(body, "TableName");
    String billingMode = RequestFields.string(body, "BillingMode");
    ObjectNode throughput = RequestFields.structure(body, "ProvisionedThroughput", "ProvisionedThroughput");
    Long write = throughput == null ? null : RequestFields.longValue(throughput, "WriteCapacityUnits");
    Long read = throughput == null ? null : RequestFields.longValue(throughput, "ReadCapacityUnits");
    ArrayNode keySchemaJson = RequestFields.list(body, "KeySchema");
    List<ObjectNode> keySchema = structures(keySchemaJson, "KeySchemaElement");
    for (ObjectNode k : keySchema) {
      if (k != null) {
        RequestFields.string(k, "AttributeName");
        RequestFields.string(k, "KeyType");
      }
    }
    List<IndexDefinitions.Requested> lsis =
        IndexDefinitions.read(body, "LocalSecondaryIndexes", "LocalSecondaryIndex", false);
    List<IndexDefinitions.Requested> gsis =
        IndexDefinitions.read(body, "GlobalSecondaryIndexes", "GlobalSecondaryIndex", true);
    RequestFields.structure(body, "StreamSpecification", "StreamSpecification");
    RequestFields.structure(body, "SSESpecification", "SSESpecification");
    ArrayNode tagsJson = RequestFields.list(body, "Tags");
    String tableClass = RequestFields.string(body, "TableClass");
    Boolean deletionProtection = RequestFields.bool(body, "DeletionProtectionEnabled");
    RequestFields.structure(body, "OnDemandThroughput", "OnDemandThroughput");
    RequestFields.structure(body, "WarmThroughput", "WarmThroughput");
    RequestFields.string(body, "ResourcePolicy");

    // Stage 2: the table name's own rules, then member constraints all together.
    checkTableName(name);
    Constraints c = new Constraints();
    c.notNull("attributeDefinitions", defsJson);
    for (int i = 0; i < defs.size(); i++) {
      ObjectNode d = defs.get(i);
      String path = "attributeDefinitions." + (i + 1) + ".member.";
      c.notNull(path + "attributeName", d == null ? null : RequestFields.string(d, "AttributeName"));
      String type = d == null ? null : RequestFields.string(d, "AttributeType");
      c.notNull(path + "attributeType", type).oneOf(path + "attributeType", type, List.of("B", "N", "S"));
    }
    c.namePattern("tableName", name);
    c.oneOf("billingMode", billingMode, List.of("PROVISIONED", "PAY_PER_REQUEST"));
    if (throughput != null) {
      c.notNull("provisionedThroughput.writeCapacityUnits", write)
          .atLeast("provisionedThroughput.writeCapacityUnits", write, 1);
      c.notNull("provisionedThroughput.readCapacityUnits", read)
          .atLeast("provisionedThroughput.readCapacityUnits", read, 1);
    }
    c.notNull("keySchema", keySchemaJson);
    if (keySchemaJson != null) {
      String rendered = renderKeySchema(keySchema);
      c.sizeAtLeast("keySchema", keySchema.size(), rendered, 1);
      c.sizeAtMost("keySchema", keySchema.size(), rendered, 2);
    }
    for (int i = 0; i < keySchema.size(); i++) {
      ObjectNode k = keySchema.get(i);
      String path = "keySchema." + (i + 1) + ".member.";
      c.notNull(path + "attributeName", k == null ? null : RequestFields.string(k, "AttributeName"));
      String keyType = k == null ? null : RequestFields.string(k, "KeyType");
      c.notNull(path + "keyType", keyType).oneOf(path + "keyType", keyType, List.of("HASH", "RANGE"));
    }
    IndexDefinitions.constraints(c, "localSecondaryIndexes", lsis);
    IndexDefinitions.constraints(c, "globalSecondaryIndexes", gsis);
    c.throwIfAny();

    // Stage 3: cross-member rules, in dynalite's validations/createTable.js order.
    boolean onDemand = "PAY_PER_REQUEST".equals(billingMode);
    if (onDemand) {
      if (throughput != null) {
        throw DynamoException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be"
            + " specified when BillingMode is PAY_PER_REQUEST");
      }
    } else {
      if (throughput == null) {
        throw DynamoException.validation(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be"
            + " specified when BillingMode is PROVISIONED");
      }
      if (read > MAX_CAPACITY_UNITS) {
        throw DynamoException.validation("Given value " + read + " for ReadCapacityUnits is out of bounds");
      }
      if (write > MAX_CAPACITY_UNITS) {
        throw DynamoException.validation("Given value " + write + " for WriteCapacityUnits is out of bounds");
      }
    }
    List<String> defNames = new ArrayList<>();
    for (ObjectNode d : defs) {
      defNames.add(RequestFields.string(d, "AttributeName"));
    }
    List<String> keyNames = new ArrayList<>();
    for (ObjectNode k : keySchema) {
      keyNames.add(RequestFields.string(k, "AttributeName"));
    }
    if (keyNames.size() > defNames.size()) {
      throw DynamoException.validation("Invalid KeySchema: Some index key attribute have no definition");
    }
    if (!defNames.containsAll(keyNames)) {
      throw DynamoException.validation(INVALID + "Some index key attributes are not defined in"
          + " AttributeDefinitions. Keys: [" + String.join(", ", keyNames) + "], AttributeDefinitions: ["
          + String.join(", ", defNames) + "]");
    }
    if (keyNames.size() == 2 && keyNames.get(0).equals(keyNames.get(1))) {
      throw DynamoException.validation(
          "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
    if (!"HASH".equals(RequestFields.string(keySchema.get(0), "KeyType"))) {
      throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    if (keySchema.size() == 2 && !"RANGE".equals(RequestFields.string(keySchema.get(1), "KeyType"))) {
      throw DynamoException.validation(
          "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (String d : defNames) {
      if (!distinct.add(d)) {
        // Live DynamoDB answer (aws-controllers-k8s DynamoDB finding DDB-TABLE-127).
        throw DynamoException.validation("Attribute Name is duplicated: " + d);
      }
    }
    if (lsis == null && gsis == null && defNames.size() != keyNames.size()) {
      throw DynamoException.validation(INVALID + "Number of attributes in KeySchema does not exactly match"
          + " number of attributes defined in AttributeDefinitions");
    }
    List<KeyAttribute> definitions = new ArrayList<>();
    for (ObjectNode d : defs) {
      definitions.add(KeyAttribute.newBuilder().setName(RequestFields.string(d, "AttributeName"))
          .setType(ScalarType.valueOf(RequestFields.string(d, "AttributeType"))).build());
    }
    List<IndexInfo> indexes = lsis == null && gsis == null ? List.of()
        : IndexRules.check(definitions, keyNames, lsis, gsis, onDemand);
    rejectUnsupportedTableOptions(body, tableClass);
    List<Tag> tags = tagsJson == null ? List.of() : TagRules.tags(tagsJson);

    TableInfo.Builder spec = TableInfo.newBuilder()
        .setName(name)
        .setBillingMode(onDemand ? TableDescriptions.BILLING_PAY_PER_REQUEST : TableDescriptions.BILLING_PROVISIONED)
        .setReadCapacityUnits(onDemand ? 0 : read)
        .setWriteCapacityUnits(onDemand ? 0 : write)
        .setDeletionProtection(Boolean.TRUE.equals(deletionProtection));
    // Sorted by key, as the catalog keeps them (TableAlterations).
    tags.stream().sorted(java.util.Comparator.comparing(Tag::getKey)).forEach(spec::addTags);
    spec.addAllAttributeDefinitions(definitions).addAllIndexes(indexes);
    spec.setHashKey(definition(spec, keyNames.get(0)));
    if (keyNames.size() == 2) {
      spec.setRangeKey(definition(spec, keyNames.get(1)));
    }
    return cluster.createTable(spec.build())
        .thenApply(created -> {
          ObjectNode out = NODES.objectNode();
          out.set("TableDescription", TableDescriptions.describe(created, ctx.region(), settings, null));
          return out;
        });
  }

  private static void rejectUnsupportedTableOptions(ObjectNode body, String tableClass) {
    ObjectNode streams = RequestFields.structure(body, "StreamSpecification", "StreamSpecification");
    if (streams != null && Boolean.TRUE.equals(RequestFields.bool(streams, "StreamEnabled"))) {
      throw Unsupported.parameter("StreamSpecification");
    }
    ObjectNode sse = RequestFields.structure(body, "SSESpecification", "SSESpecification");
    if (sse != null && Boolean.TRUE.equals(RequestFields.bool(sse, "Enabled"))) {
      throw Unsupported.parameter("SSESpecification");
    }
    Unsupported.rejectUnless("TableClass", tableClass, "STANDARD");
    Unsupported.rejectPresent(body, "OnDemandThroughput", "WarmThroughput", "ResourcePolicy");
  }

  private static KeyAttribute definition(TableInfo.Builder spec, String name) {
    for (KeyAttribute a : spec.getAttributeDefinitionsList()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    throw new IllegalStateException("key " + name + " has no definition"); // ruled out above
  }

  /** Elements of a list of structures; a JSON null element stays null (DynamoDB reports it as such). */
  private static List<ObjectNode> structures(ArrayNode list, String shape) {
    List<ObjectNode> out = new ArrayList<>();
    if (list != null) {
      for (JsonNode element : list) {
        out.add(element.isNull() ? null : RequestFields.valueStructure(element, shape));
      }
    }
    return out;
  }

  /**
   * How the keySchema value is printed in a length violation. Not verified against DynamoDB (dynalite's
   * test only matches it with a pattern); we print members the way the AWS SDK for Java prints them.
   */
  private static String renderKeySchema(List<ObjectNode> keySchema) {
    List<String> parts = new ArrayList<>();
    for (ObjectNode k : keySchema) {
      if (k == null) {
        parts.add("null");
      } else {
        parts.add("{AttributeName: " + RequestFields.string(k, "AttributeName") + ",KeyType: "
            + RequestFields.string(k, "KeyType") + "}");
      }
    }
    return "[" + String.join(", ", parts) + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // DescribeTable, DeleteTable
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> describeTable(RequestContext ctx, ObjectNode body) {
    String name = validTableName(body);
    return cluster.describeTable(name).thenApply(table -> {
      ObjectNode out = NODES.objectNode();
      out.set("Table", TableDescriptions.describe(table.orElseThrow(() -> tableNotFound(name)), ctx.region(), settings, null));
      return out;
    });
  }

  public CompletableFuture<ObjectNode> deleteTable(RequestContext ctx, ObjectNode body) {
    String name = validTableName(body);
    return cluster.deleteTable(name).thenApply(table -> {
      ObjectNode out = NODES.objectNode();
      out.set("TableDescription",
          TableDescriptions.describe(table.orElseThrow(() -> tableNotFound(name)), ctx.region(), settings,
              "DELETING"));
      return out;
    });
  }

  /**
   * DescribeTable/DeleteTable name the table in the message (AWS developer guide, error handling example;
   * dynalite db/index.js getTable), unlike item operations.
   */
  static DynamoException tableNotFound(String name) {
    return DynamoException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
  }

  private static String validTableName(ObjectNode body) {
    String name = RequestFields.string(body, "TableName");
    checkTableName(name);
    new Constraints().namePattern("tableName", name).throwIfAny();
    return name;
  }

  static void checkTableName(String name) {
    if (name == null) {
      throw DynamoException.validation(TABLE_NAME_REQUIRED);
    }
    if (name.length() < 3 || name.length() > 255) {
      throw DynamoException.validation(TABLE_NAME_LENGTH);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ListTables
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> listTables(RequestContext ctx, ObjectNode body) {
    Long limit = RequestFields.integer(body, "Limit");
    String start = RequestFields.string(body, "ExclusiveStartTableName");
    // dynalite validations/listTables.js; its index.js quotes DynamoDB's combined message for both.
    new Constraints()
        .atLeast("limit", limit, 1)
        .atMost("limit", limit, MAX_LIST_LIMIT)
        .name("exclusiveStartTableName", start, false)
        .throwIfAny();
    int pageSize = limit == null ? MAX_LIST_LIMIT : limit.intValue();
    return cluster.listTables().thenApply(tables -> {
      List<String> names = new ArrayList<>();
      boolean more = false;
      for (TableInfo t : tables) {
        if (start != null && t.getName().compareTo(start) <= 0) {
          continue;
        }
        if (names.size() == pageSize) {
          more = true;
          break;
        }
        names.add(t.getName());
      }
      ObjectNode out = NODES.objectNode();
      ArrayNode array = out.putArray("TableNames");
      names.forEach(array::add);
      // Only when more tables follow: the API reference says its absence means the listing is complete.
      if (more) {
        out.put("LastEvaluatedTableName", names.get(names.size() - 1));
      }
      return out;
    });
  }
}
