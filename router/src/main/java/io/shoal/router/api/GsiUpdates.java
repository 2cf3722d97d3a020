package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.catalog.IndexAlterations;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.CreateIndexChange;
import io.shoal.proto.DeleteIndexChange;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.router.api.IndexDefinitions.Requested;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * UpdateTable's GlobalSecondaryIndexUpdates: one Create or one Delete of a GSI per call (DynamoDB's limit of one
 * online index change per table). Texts are live DynamoDB answers recorded in aws-controllers-k8s' DynamoDB
 * findings (DDB-TABLE-152, -159, -160, -162, -174, -359) unless marked; limits and shapes from the API reference
 * (GlobalSecondaryIndexUpdate). Update actions (changing a GSI's provisioned throughput) are not served yet: Shoal
 * keeps no per-index capacity beyond what CreateTable/Create set.
 */
final class GsiUpdates {
  static final String INVALID = IndexRules.INVALID;
  static final String ONLINE_LIMIT =
      "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table";

  private GsiUpdates() {}

  /** One element of the list as requested; {@code create} is null unless the element has a Create. */
  record Entry(Requested create, String updateName, boolean hasUpdate, String deleteName, boolean hasDelete,
      boolean isNull) {
    int actions() {
      return (create != null ? 1 : 0) + (hasUpdate ? 1 : 0) + (hasDelete ? 1 : 0);
    }

    String name() {
      return create != null ? create.name() : hasUpdate ? updateName : deleteName;
    }
  }

  /** Stage 1: JSON types (null when the member is absent). */
  static List<Entry> read(ObjectNode body) {
    ArrayNode list = RequestFields.list(body, "GlobalSecondaryIndexUpdates");
    if (list == null) {
      return null;
    }
    List<Entry> out = new ArrayList<>();
    for (JsonNode element : list) {
      if (element.isNull()) {
        out.add(new Entry(null, null, false, null, false, true));
        continue;
      }
      ObjectNode u = RequestFields.valueStructure(element, "GlobalSecondaryIndexUpdate");
      ObjectNode update = RequestFields.structure(u, "Update", "UpdateGlobalSecondaryIndexAction");
      String updateName = null;
      if (update != null) {
        updateName = RequestFields.string(update, "IndexName");
        ObjectNode t = RequestFields.structure(update, "ProvisionedThroughput", "ProvisionedThroughput");
        if (t != null) {
          RequestFields.longValue(t, "WriteCapacityUnits");
          RequestFields.longValue(t, "ReadCapacityUnits");
        }
        RequestFields.structure(update, "OnDemandThroughput", "OnDemandThroughput");
        RequestFields.structure(update, "WarmThroughput", "WarmThroughput");
      }
      ObjectNode createJson = RequestFields.structure(u, "Create", "CreateGlobalSecondaryIndexAction");
      Requested create = createJson == null ? null : IndexDefinitions.readOne(createJson, true);
      ObjectNode delete = RequestFields.structure(u, "Delete", "DeleteGlobalSecondaryIndexAction");
      String deleteName = delete == null ? null : RequestFields.string(delete, "IndexName");
      out.add(new Entry(create, updateName, update != null, deleteName, delete != null, false));
    }
    return out;
  }

  /** Stage 2: member constraints. */
  static void constraints(Constraints c, List<Entry> entries) {
    if (entries == null) {
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      String path = "globalSecondaryIndexUpdates." + (i + 1) + ".member";
      if (e.hasUpdate()) {
        c.name(path + ".update.indexName", e.updateName(), true);
      }
      if (e.create() != null) {
        IndexDefinitions.constraints(c, path + ".create", e.create());
      }
      if (e.hasDelete()) {
        c.name(path + ".delete.indexName", e.deleteName(), true);
      }
    }
  }

  /**
   * Stage 3: rules that need only the request. {@code tableThroughput} etc. say which other changes the request
   * carries. Returns the one Create or Delete entry.
   */
  static Entry checkRequest(List<Entry> entries, List<KeyAttribute> definitions, boolean tableThroughput,
      boolean billingMode) {
    Set<String> names = new HashSet<>();
    Entry change = null;
    int online = 0;
    for (Entry e : entries) {
      if (e.isNull() || e.actions() == 0) {
        throw DynamoException.validation(INVALID + "One of GlobalSecondaryIndexUpdate.Update,"
            + " GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
      }
      if (e.actions() > 1) {
        throw DynamoException.validation(INVALID + "Only one global secondary index action is allowed per"
            + " GlobalSecondaryIndexUpdate object");
      }
      if (!names.add(e.name())) {
        throw DynamoException.validation(INVALID + "Only one global secondary index update per index is allowed"
            + " simultaneously. Index: " + e.name());
      }
      if (!e.hasUpdate()) {
        online++;
        change = e;
      }
    }
    if (online > 1) {
      throw DynamoException.limitExceeded(ONLINE_LIMIT);
    }
    if (change != null && tableThroughput) {
      throw DynamoException.validation(INVALID + "You cannot create or delete index while updating table IOPS");
    }
    for (Entry e : entries) {
      if (e.hasUpdate()) {
        throw Unsupported.parameter("GlobalSecondaryIndexUpdates Update");
      }
    }
    if (billingMode) {
      // DynamoDB accepts both in one call; Shoal would need two catalog changes, which it does not make atomic.
      throw Unsupported.parameter("BillingMode together with GlobalSecondaryIndexUpdates");
    }
    Requested create = change.create();
    if (create != null) {
      if (definitions == null) {
        throw DynamoException.validation(INVALID + "AttributeDefinitions is not specified for index: "
            + create.name());
      }
      IndexRules.checkKeySchema(create);
      IndexRules.checkProjection(create);
    }
    return change;
  }

  /** Stage 4: rules against the table as it is, then the catalog change. */
  static AlterTableCommand command(TableInfo table, Entry change, List<KeyAttribute> definitions) {
    if (table.getIndexesList().stream().anyMatch(i -> i.getStatus() == IndexInfo.Status.CREATING
        || i.getStatus() == IndexInfo.Status.DELETING)) {
      throw DynamoException.limitExceeded(ONLINE_LIMIT);
    }
    AlterTableCommand.Builder cmd = AlterTableCommand.newBuilder().setName(table.getName());
    if (change.create() == null) {
      // Absent and local indexes are judged by the catalog at apply (IndexAlterations.delete), with these texts.
      try {
        IndexAlterations.delete(table, change.deleteName());
      } catch (io.shoal.core.catalog.TableAlterationException e) {
        throw e.notFound() ? DynamoException.resourceNotFound(e.getMessage()) : DynamoException.validation(e.getMessage());
      }
      return cmd.setDeleteIndex(DeleteIndexChange.newBuilder().setIndexName(change.deleteName())).build();
    }
    Requested r = change.create();
    if (IndexAlterations.find(table, r.name()) != null) {
      throw DynamoException.validation(IndexAlterations.ALREADY_EXISTS);
    }
    boolean onDemand = TableDescriptions.BILLING_PAY_PER_REQUEST.equals(table.getBillingMode());
    if (onDemand && r.throughput() != null) {
      throw DynamoException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified"
          + " for index: " + r.name() + " when BillingMode is PAY_PER_REQUEST");
    }
    if (!onDemand && r.throughput() == null) {
      throw DynamoException.validation(INVALID + "Both ReadCapacityUnits and WriteCapacityUnits must be specified"
          + " for index: " + r.name());
    }
    int projected = r.nonKeyAttributes() == null ? 0 : r.nonKeyAttributes().size();
    for (IndexInfo i : table.getIndexesList()) {
      projected += i.getNonKeyAttributesCount();
    }
    IndexRules.checkProjectedTotal(projected);
    // The request need only define the new key attributes; those the table already has count too (DynamoDB
    // accepts AttributeDefinitions with just the new attribute, DDB-TABLE-162).
    List<KeyAttribute> known = new ArrayList<>(definitions);
    List<KeyAttribute> tableKeys = new ArrayList<>(table.getAttributeDefinitionsList());
    table.getIndexesList().forEach(i -> {
      tableKeys.add(i.getHashKey());
      tableKeys.add(i.getRangeKey());
    });
    for (KeyAttribute a : tableKeys) {
      if (!a.getName().isEmpty() && known.stream().noneMatch(k -> k.getName().equals(a.getName()))) {
        known.add(a);
      }
    }
    IndexRules.checkDefined(r, definitions.stream().map(KeyAttribute::getName).toList(),
        known.stream().map(KeyAttribute::getName).toList());
    IndexInfo index = IndexDefinitions.toInfo(r, known);
    return cmd.setCreateIndex(CreateIndexChange.newBuilder().setIndex(index)).build();
  }
}
