package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.catalog.IndexAlterations;
import io.shoal.core.catalog.TableAlterations;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.proto.UpdateTableChange;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.RequestFields;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateTable: billing mode, provisioned throughput, deletion protection and (STANDARD only) table class. Checks
 * that need only the request are made here; those that depend on the table's current settings (same throughput,
 * switching to PROVISIONED without capacity) are made at apply in the metadata group by
 * {@link TableAlterations}, so racing updates are judged in log order.
 *
 * <p>DynamoDB reports TableStatus UPDATING while capacity changes propagate; Shoal has nothing to propagate (it
 * does not enforce capacity), so the change is complete when this returns and the table stays ACTIVE.
 */
public final class UpdateTableApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INVALID = "One or more parameter values were invalid: ";

  /**
   * DynamoDB's text when no change is requested (as returned by DynamoDB in 2025; older texts, e.g. in dynalite
   * validations/updateTable.js, list fewer members). DynamoDB drops from the list members the request does carry
   * but that cannot stand alone; Shoal always prints the full list.
   */
  static final String NOTHING_TO_UPDATE = "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
      + " GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady,"
      + " ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput,"
      + " WarmThroughput or TableClass is required";

  private final Cluster cluster;
  private final ApiSettings settings;

  public UpdateTableApi(Cluster cluster, ApiSettings settings) {
    this.cluster = Objects.requireNonNull(cluster);
    this.settings = Objects.requireNonNull(settings);
  }

  public CompletableFuture<ObjectNode> updateTable(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types.
    List<KeyAttribute> definitions = attributeDefinitions(body);
    String name = RequestFields.string(body, "TableName");
    String billingMode = RequestFields.string(body, "BillingMode");
    ObjectNode throughput = RequestFields.structure(body, "ProvisionedThroughput", "ProvisionedThroughput");
    Long read = throughput == null ? null : RequestFields.longValue(throughput, "ReadCapacityUnits");
    Long write = throughput == null ? null : RequestFields.longValue(throughput, "WriteCapacityUnits");
    List<GsiUpdates.Entry> gsiUpdates = GsiUpdates.read(body);
    RequestFields.structure(body, "StreamSpecification", "StreamSpecification");
    RequestFields.structure(body, "SSESpecification", "SSESpecification");
    ArrayNode replicaUpdates = RequestFields.list(body, "ReplicaUpdates");
    String tableClass = RequestFields.string(body, "TableClass");
    Boolean deletionProtection = RequestFields.bool(body, "DeletionProtectionEnabled");
    RequestFields.structure(body, "OnDemandThroughput", "OnDemandThroughput");
    RequestFields.structure(body, "WarmThroughput", "WarmThroughput");
    RequestFields.string(body, "MultiRegionConsistency");
    RequestFields.list(body, "GlobalTableWitnessUpdates");

    // Stage 2: member constraints.
    TablesApi.checkTableName(name);
    Constraints c = new Constraints().namePattern("tableName", name);
    c.oneOf("billingMode", billingMode, List.of("PROVISIONED", "PAY_PER_REQUEST"));
    if (throughput != null) {
      c.notNull("provisionedThroughput.writeCapacityUnits", write)
          .atLeast("provisionedThroughput.writeCapacityUnits", write, 1);
      c.notNull("provisionedThroughput.readCapacityUnits", read)
          .atLeast("provisionedThroughput.readCapacityUnits", read, 1);
    }
    definitionConstraints(c, body);
    GsiUpdates.constraints(c, gsiUpdates);
    c.throwIfAny();

    // Stage 3: something to change (an empty index-update list is nothing, as in dynalite test/updateTable.js).
    boolean indexes = gsiUpdates != null && !gsiUpdates.isEmpty();
    boolean replicas = replicaUpdates != null && !replicaUpdates.isEmpty();
    boolean anything = throughput != null || billingMode != null || indexes || replicas || tableClass != null
        || deletionProtection != null
        || present(body, "StreamSpecification", "SSESpecification", "OnDemandThroughput", "WarmThroughput",
            "MultiRegionConsistency");
    if (!anything) {
      throw DynamoException.validation(NOTHING_TO_UPDATE);
    }
    if (gsiUpdates != null && gsiUpdates.isEmpty()) {
      throw DynamoException.validation(INVALID + "List of GlobalSecondaryIndexUpdates is empty");
    }
    if (throughput != null) {
      // dynalite validations/updateTable.js (same bound as CreateTable).
      if (read > TablesApi.MAX_CAPACITY_UNITS) {
        throw DynamoException.validation("Given value " + read + " for ReadCapacityUnits is out of bounds");
      }
      if (write > TablesApi.MAX_CAPACITY_UNITS) {
        throw DynamoException.validation("Given value " + write + " for WriteCapacityUnits is out of bounds");
      }
    }

    // Stage 4: what Shoal does not do yet (streams, encryption, replicas, throughput caps).
    if (replicas) {
      throw Unsupported.parameter("ReplicaUpdates");
    }
    Unsupported.rejectPresent(body, "StreamSpecification", "SSESpecification", "OnDemandThroughput",
        "WarmThroughput", "MultiRegionConsistency", "GlobalTableWitnessUpdates");
    Unsupported.rejectUnless("TableClass", tableClass, "STANDARD");

    // Stage 5: combinations DynamoDB refuses whatever the table's state.
    boolean capacity = throughput != null || billingMode != null;
    if (deletionProtection != null && (capacity || tableClass != null || indexes)) {
      throw DynamoException.validation(INVALID + "DeletionProtection modification must be the only operation in the"
          + " request");
    }
    if (tableClass != null && (capacity || indexes)) {
      throw DynamoException.validation(INVALID + "TableClass modification must be the only operation in the request");
    }
    if ("PAY_PER_REQUEST".equals(billingMode) && throughput != null) {
      throw DynamoException.validation(TableAlterations.NEITHER_CAPACITY_ON_DEMAND);
    }

    if (indexes) {
      GsiUpdates.Entry index = GsiUpdates.checkRequest(gsiUpdates, definitions, throughput != null,
          billingMode != null);
      return updateIndex(ctx, name, index, definitions);
    }

    UpdateTableChange.Builder change = UpdateTableChange.newBuilder();
    if (billingMode != null) {
      change.setBillingMode(billingMode);
    }
    if (throughput != null) {
      change.setSetThroughput(true).setReadCapacityUnits(read).setWriteCapacityUnits(write);
    }
    if (deletionProtection != null) {
      change.setSetDeletionProtection(true).setDeletionProtection(deletionProtection);
    }
    // TableClass STANDARD alone changes nothing but still answers with the table, as DynamoDB does.
    AlterTableCommand cmd = AlterTableCommand.newBuilder().setName(name).setUpdate(change).build();
    return cluster.alterTable(cmd).thenApply(updated -> {
      ObjectNode out = NODES.objectNode();
      out.set("TableDescription", TableDescriptions.describe(
          updated.orElseThrow(() -> TablesApi.tableNotFound(name)), ctx.region(), settings, null));
      return out;
    });
  }

  /** Create or Delete of a GSI, judged against the table as it is now (and again by the catalog at apply). */
  private CompletableFuture<ObjectNode> updateIndex(RequestContext ctx, String name, GsiUpdates.Entry index,
      List<KeyAttribute> definitions) {
    return cluster.describeTable(name).thenCompose(found -> {
      TableInfo table = found.orElseThrow(() -> TablesApi.tableNotFound(name));
      AlterTableCommand cmd = GsiUpdates.command(table, index, definitions);
      IndexInfo deleted = cmd.hasDeleteIndex() ? IndexAlterations.find(table, cmd.getDeleteIndex().getIndexName())
          : null;
      return cluster.alterTable(cmd).thenApply(updated -> {
        ObjectNode out = NODES.objectNode();
        out.set("TableDescription", TableDescriptions.describe(
            updated.orElseThrow(() -> TablesApi.tableNotFound(name)), ctx.region(), settings, null, deleted));
        return out;
      });
    });
  }

  /** Member constraints of AttributeDefinitions, as CreateTable's. */
  private static void definitionConstraints(Constraints c, ObjectNode body) {
    ArrayNode list = RequestFields.list(body, "AttributeDefinitions");
    for (int i = 0; list != null && i < list.size(); i++) {
      String path = "attributeDefinitions." + (i + 1) + ".member.";
      ObjectNode d = list.get(i).isNull() ? null : RequestFields.valueStructure(list.get(i), "AttributeDefinition");
      c.notNull(path + "attributeName", d == null ? null : RequestFields.string(d, "AttributeName"));
      String type = d == null ? null : RequestFields.string(d, "AttributeType");
      c.notNull(path + "attributeType", type).oneOf(path + "attributeType", type, List.of("B", "N", "S"));
    }
  }

  /** AttributeDefinitions as sent (JSON types checked; null when absent). */
  private static List<KeyAttribute> attributeDefinitions(ObjectNode body) {
    ArrayNode list = RequestFields.list(body, "AttributeDefinitions");
    if (list == null) {
      return null;
    }
    List<KeyAttribute> out = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode n : list) {
      ObjectNode d = n.isNull() ? null : RequestFields.valueStructure(n, "AttributeDefinition");
      String attr = d == null ? null : RequestFields.string(d, "AttributeName");
      String type = d == null ? null : RequestFields.string(d, "AttributeType");
      if (attr != null && ("S".equals(type) || "N".equals(type) || "B".equals(type))) {
        out.add(KeyAttribute.newBuilder().setName(attr).setType(io.shoal.proto.ScalarType.valueOf(type)).build());
      }
    }
    return out;
  }

  private static boolean present(ObjectNode body, String... names) {
    for (String n : names) {
      if (!RequestFields.absent(body, n)) {
        return true;
      }
    }
    return false;
  }
}
