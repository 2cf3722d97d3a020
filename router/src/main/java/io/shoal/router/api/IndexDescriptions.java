package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.TableInfo;

/**
 * LocalSecondaryIndexes and GlobalSecondaryIndexes of a TableDescription (API reference,
 * LocalSecondaryIndexDescription and GlobalSecondaryIndexDescription; member set as dynalite's createTable tests
 * record DynamoDB's answers): IndexName, KeySchema, Projection, IndexSizeBytes, ItemCount, IndexArn, and for GSIs
 * IndexStatus, Backfilling (only while backfilling: DynamoDB drops the member once the index is ACTIVE) and
 * ProvisionedThroughput (with NumberOfDecreasesToday, zeros for on-demand tables, as for the table itself).
 */
final class IndexDescriptions {
  private IndexDescriptions() {}

  /**
   * Adds the index lists to {@code d} (nothing for a table without indexes). {@code deleting} is an index the
   * request just deleted, shown once more with IndexStatus DELETING (UpdateTable's answer); may be null.
   */
  static void describe(ObjectNode d, TableInfo t, String tableArn, IndexInfo deleting) {
    ArrayNode locals = null;
    ArrayNode globals = null;
    boolean onDemand = TableDescriptions.BILLING_PAY_PER_REQUEST.equals(t.getBillingMode());
    for (IndexInfo i : t.getIndexesList()) {
      if (i.getKind() == IndexInfo.Kind.LOCAL) {
        locals = locals == null ? d.putArray("LocalSecondaryIndexes") : locals;
        locals.add(describe(i, tableArn, onDemand, null));
      } else {
        globals = globals == null ? d.putArray("GlobalSecondaryIndexes") : globals;
        globals.add(describe(i, tableArn, onDemand, null));
      }
    }
    if (deleting != null) {
      globals = globals == null ? d.putArray("GlobalSecondaryIndexes") : globals;
      globals.add(describe(deleting, tableArn, onDemand, "DELETING"));
    }
  }

  private static ObjectNode describe(IndexInfo i, String tableArn, boolean onDemand, String statusOverride) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("IndexName", i.getName());
    ArrayNode keys = n.putArray("KeySchema");
    keys.addObject().put("AttributeName", i.getHashKey().getName()).put("KeyType", "HASH");
    if (!i.getRangeKey().getName().isEmpty()) {
      keys.addObject().put("AttributeName", i.getRangeKey().getName()).put("KeyType", "RANGE");
    }
    ObjectNode projection = n.putObject("Projection").put("ProjectionType", i.getProjectionType().name());
    if (i.getNonKeyAttributesCount() > 0) {
      ArrayNode names = projection.putArray("NonKeyAttributes");
      i.getNonKeyAttributesList().forEach(names::add);
    }
    if (i.getKind() == IndexInfo.Kind.GLOBAL) {
      n.put("IndexStatus", statusOverride != null ? statusOverride : status(i));
      if (i.getBackfilling() && statusOverride == null) {
        n.put("Backfilling", true);
      }
      n.putObject("ProvisionedThroughput")
          .put("NumberOfDecreasesToday", 0)
          .put("ReadCapacityUnits", onDemand ? 0 : i.getReadCapacityUnits())
          .put("WriteCapacityUnits", onDemand ? 0 : i.getWriteCapacityUnits());
    }
    n.put("IndexSizeBytes", i.getSizeBytes());
    n.put("ItemCount", i.getItemCount());
    n.put("IndexArn", tableArn + "/index/" + i.getName());
    return n;
  }

  private static String status(IndexInfo i) {
    return switch (i.getStatus()) {
      case CREATING -> "CREATING";
      case DELETING -> "DELETING";
      default -> "ACTIVE";
    };
  }
}
