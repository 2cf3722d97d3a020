package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.IndexInfo;
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

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TableDescriptions() {}

  /**
   * DynamoDB's TableId is a UUID. Ours is derived from the numeric table id (name-based UUID), so every
   * router reports the same one without storing it, and a table re-created under the same name gets a
   * new one, as in DynamoDB.
   */
  static String tableId(long id) {
    return UUID.nameUUIDFromBytes(("shoal-table:" + id).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * {@code statusOverride} replaces the stored status (DeleteTable reports DELETING); may be null. The ARN uses
   * {@code region} and the configured account.
   */
  static ObjectNode describe(TableInfo t, String region, ApiSettings settings, String statusOverride) {
    return describe(t, region, settings, statusOverride, null);
  }

  /** As above; {@code deletedIndex} (may be null) is shown with IndexStatus DELETING (UpdateTable's answer). */
  static ObjectNode describe(TableInfo t, String region, ApiSettings settings, String statusOverride,
      IndexInfo deletedIndex) {
    ObjectNode d = NODES.objectNode();
    ArrayNode defs = d.putArray("AttributeDefinitions");
    // The table's own definitions, then key attributes of indexes added later by UpdateTable (the catalog keeps
    // them on the index), as DynamoDB lists every attribute a key of the table or an index uses.
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (KeyAttribute a : t.getAttributeDefinitionsList()) {
      listed.add(a.getName());
      defs.addObject().put("AttributeName", a.getName()).put("AttributeType", a.getType().name());
    }
    for (IndexInfo i : t.getIndexesList()) {
      for (KeyAttribute a : java.util.List.of(i.getHashKey(), i.getRangeKey())) {
        if (!a.getName().isEmpty() && listed.add(a.getName())) {
          defs.addObject().put("AttributeName", a.getName()).put("AttributeType", a.getType().name());
        }
      }
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
    // Present once UpdateTable raised or lowered capacity (API reference, ProvisionedThroughputDescription).
    if (t.getLastIncreaseMs() != 0) {
      throughput.put("LastIncreaseDateTime", BigDecimal.valueOf(t.getLastIncreaseMs(), 3));
    }
    if (t.getLastDecreaseMs() != 0) {
      throughput.put("LastDecreaseDateTime", BigDecimal.valueOf(t.getLastDecreaseMs(), 3));
    }
    // Shoal does not limit decreases, so it does not count them either (see docs/compatibility.md).
    throughput.put("NumberOfDecreasesToday", 0);
    throughput.put("ReadCapacityUnits", onDemand ? 0 : t.getReadCapacityUnits());
    throughput.put("WriteCapacityUnits", onDemand ? 0 : t.getWriteCapacityUnits());
    // Refreshed periodically from the storage groups' scans, like DynamoDB's (which refreshes every ~6 hours).
    d.put("TableSizeBytes", t.getSizeBytes());
    d.put("ItemCount", t.getItemCount());
    d.put("TableArn", settings.tableArn(region, t.getName()));
    IndexDescriptions.describe(d, t, settings.tableArn(region, t.getName()), deletedIndex);
    d.put("TableId", tableId(t.getId()));
    // DynamoDB shows the summary for tables that are, or once were, on demand; a table created PAY_PER_REQUEST
    // became so at creation.
    long payPerRequestSince = t.getPayPerRequestSinceMs() != 0 ? t.getPayPerRequestSinceMs()
        : onDemand ? t.getCreatedAtMs() : 0;
    if (payPerRequestSince != 0) {
      d.putObject("BillingModeSummary")
          .put("BillingMode", onDemand ? BILLING_PAY_PER_REQUEST : BILLING_PROVISIONED)
          .put("LastUpdateToPayPerRequestDateTime", BigDecimal.valueOf(payPerRequestSince, 3));
    }
    // Always present, false by default, as DynamoDB returns it.
    d.put("DeletionProtectionEnabled", t.getDeletionProtection());
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
