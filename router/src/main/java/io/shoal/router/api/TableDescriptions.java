package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds DynamoDB's TableDescription from a {@link TableInfo}, as CreateTable, DescribeTable and
 * DeleteTable return it (field names and types from the DynamoDB API reference, TableDescription).
 */
final class TableDescriptions {
  static final String BILLING_PROVISIONED = "PROVISIONED";
  static final String BILLING_PAY_PER_REQUEST = "PAY_PER_REQUEST";
  /** Shoal has no AWS accounts; DynamoDB Local uses the same all-zero id. */
  static final String ACCOUNT_ID = "000000000000";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TableDescriptions() {}

  static String arn(String region, String tableName) {
    return "arn:aws:dynamodb:" + region + ":" + ACCOUNT_ID + ":table/" + tableName;
  }

  /**
   * DynamoDB's TableId is a UUID. Ours is derived from the numeric table id (name-based UUID), so every
   * router reports the same one without storing it, and a table re-created under the same name gets a
   * new one, as in DynamoDB.
   */
  static String tableId(long id) {
    return UUID.nameUUIDFromBytes(("shoal-table:" + id).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** {@code statusOverride} replaces the stored status (DeleteTable reports DELETING); may be null. */
  static ObjectNode describe(TableInfo t, String region, String statusOverride) {
    ObjectNode d = NODES.objectNode();
    ArrayNode defs = d.putArray("AttributeDefinitions");
    for (KeyAttribute a : t.getAttributeDefinitionsList()) {
      defs.addObject().put("AttributeName", a.getName()).put("AttributeType", a.getType().name());
    }
    d.put("TableName", t.getName());
    ArrayNode keys = d.putArray("KeySchema");
    keys.addObject().put("AttributeName", t.getHashKey().getName()).put("KeyType", "HASH");
    if (t.hasRangeKey() && !t.getRangeKey().getName().isEmpty()) {
      keys.addObject().put("AttributeName", t.getRangeKey().getName()).put("KeyType", "RANGE");
    }
    d.put("TableStatus", statusOverride != null ? statusOverride : status(t));
    // Epoch seconds with a fraction, as DynamoDB sends it.
    BigDecimal created = BigDecimal.valueOf(t.getCreatedAtMs(), 3);
    d.put("CreationDateTime", created);
    boolean onDemand = BILLING_PAY_PER_REQUEST.equals(t.getBillingMode());
    ObjectNode throughput = d.putObject("ProvisionedThroughput");
    throughput.put("NumberOfDecreasesToday", 0);
    throughput.put("ReadCapacityUnits", onDemand ? 0 : t.getReadCapacityUnits());
    throughput.put("WriteCapacityUnits", onDemand ? 0 : t.getWriteCapacityUnits());
    d.put("TableSizeBytes", 0);
    d.put("ItemCount", 0);
    d.put("TableArn", arn(region, t.getName()));
    d.put("TableId", tableId(t.getId()));
    if (onDemand) {
      d.putObject("BillingModeSummary")
          .put("BillingMode", BILLING_PAY_PER_REQUEST)
          .put("LastUpdateToPayPerRequestDateTime", created);
    }
    d.put("DeletionProtectionEnabled", false);
    return d;
  }

  private static String status(TableInfo t) {
    return switch (t.getStatus()) {
      case DELETING -> "DELETING";
      // A table the catalog holds but has not marked is usable: Shoal creates tables ACTIVE at once.
      default -> "ACTIVE";
    };
  }
}
