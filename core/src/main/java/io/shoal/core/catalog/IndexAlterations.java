package io.shoal.core.catalog;

import io.shoal.proto.IndexInfo;
import io.shoal.proto.TableInfo;
import java.util.function.LongSupplier;

/**
 * Secondary-index changes to a table's catalog entry, judged against the committed table in log order (two racing
 * UpdateTable calls creating the same index: the second is refused at apply). Index ids come from the catalog's
 * table id counter, so an index's key space is never shared with a table or an earlier index.
 */
public final class IndexAlterations {
  /** DynamoDB's limit of global secondary indexes per table. */
  public static final int MAX_GLOBAL = 20;
  /** DynamoDB's limit of local secondary indexes per table. */
  public static final int MAX_LOCAL = 5;

  public static final String ALREADY_EXISTS = "Attempting to create an index which already exists";
  public static final String TOO_MANY_GLOBAL = "One or more parameter values were invalid: Number of global "
      + "secondary indexes exceeds per-table limit of " + MAX_GLOBAL;

  /** Deleting an LSI (ValidationException; DynamoDB error catalogue in aws-controllers-k8s' findings). */
  public static final String CANNOT_DELETE_LOCAL = "Cannot delete an index that is not a GlobalSecondaryIndex: ";

  private IndexAlterations() {}

  /**
   * A new table's indexes with ids assigned; LSIs and GSIs declared at CreateTable are ACTIVE at once (the table
   * is empty, so there is nothing to backfill).
   */
  public static TableInfo assignIds(TableInfo table, LongSupplier nextId, long atMs) {
    TableInfo.Builder b = table.toBuilder().clearIndexes();
    for (IndexInfo i : table.getIndexesList()) {
      b.addIndexes(i.toBuilder().setId(nextId.getAsLong()).setStatus(IndexInfo.Status.ACTIVE).setBackfilling(false)
          .setCreatedAtMs(atMs));
    }
    return b.build();
  }

  /** UpdateTable Create: the GSI is CREATING and backfilling until every group has carried it over. */
  public static TableInfo create(TableInfo table, IndexInfo index, LongSupplier nextId, long atMs) {
    if (find(table, index.getName()) != null) {
      throw new TableAlterationException(ALREADY_EXISTS);
    }
    long globals = table.getIndexesList().stream().filter(i -> i.getKind() == IndexInfo.Kind.GLOBAL).count();
    if (globals >= MAX_GLOBAL) {
      throw new TableAlterationException(TOO_MANY_GLOBAL);
    }
    IndexInfo created = index.toBuilder().setKind(IndexInfo.Kind.GLOBAL).setId(nextId.getAsLong())
        .setStatus(IndexInfo.Status.CREATING).setBackfilling(true).setCreatedAtMs(atMs).build();
    return table.toBuilder().addIndexes(created).build();
  }

  /** UpdateTable Delete: the GSI leaves the catalog; the caller drops its entries everywhere afterwards. */
  public static TableInfo delete(TableInfo table, String name) {
    IndexInfo i = find(table, name);
    if (i == null) {
      // DynamoDB's answer to an UpdateTable naming an absent index (live answer recorded in aws-controllers-k8s'
      // DynamoDB findings: "Requested resource not found: Index ghost for table ...").
      throw new TableAlterationException(
          "Requested resource not found: Index " + name + " for table " + table.getName(), true);
    }
    if (i.getKind() != IndexInfo.Kind.GLOBAL) {
      throw new TableAlterationException(CANNOT_DELETE_LOCAL + name);
    }
    TableInfo.Builder b = table.toBuilder().clearIndexes();
    table.getIndexesList().stream().filter(x -> x.getId() != i.getId()).forEach(b::addIndexes);
    return b.build();
  }

  /** The backfill of {@code indexId} is complete everywhere; unknown or already active ids change nothing. */
  public static TableInfo activated(TableInfo table, long indexId) {
    TableInfo.Builder b = table.toBuilder();
    for (int n = 0; n < b.getIndexesCount(); n++) {
      IndexInfo i = b.getIndexes(n);
      if (i.getId() == indexId && i.getStatus() == IndexInfo.Status.CREATING) {
        b.setIndexes(n, i.toBuilder().setStatus(IndexInfo.Status.ACTIVE).setBackfilling(false));
      }
    }
    return b.build();
  }

  public static IndexInfo find(TableInfo table, String name) {
    return table.getIndexesList().stream().filter(i -> i.getName().equals(name)).findFirst().orElse(null);
  }
}
