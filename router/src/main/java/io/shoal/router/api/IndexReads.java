package io.shoal.router.api;

import io.shoal.core.capacity.CapacityUnits;
import io.shoal.core.catalog.IndexAlterations;
import io.shoal.core.index.IndexKeys;
import io.shoal.core.index.Projection;
import io.shoal.core.item.ItemSize;
import io.shoal.core.key.KeyCodec;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.router.api.LegacyConditions.Condition;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.cluster.IndexTargets;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Query and Scan with IndexName: which index, the index-only rules, the start key, the sort-key range over index
 * entries, and the base-table fetches an LSI read may need.
 *
 * <p>Rules and their order are dynalite's actions/scan.js and actions/query.js (written against DynamoDB) and its
 * tests: unknown index, ConsistentRead on a GSI, the start key (it must name exactly the table's and the index's
 * key attributes), Select ALL_ATTRIBUTES on a GSI that does not project everything, then the table part of the start
 * key. A GSI still being backfilled refuses reads with DynamoDB's "Cannot read from backfilling global secondary
 * index" (quoted from live answers in client code and issues).
 *
 * <p>An LSI read that asks for attributes the index does not hold (Select ALL_ATTRIBUTES, or a projection naming
 * one) fetches each item from the base table, as DynamoDB does ("DynamoDB automatically fetches those attributes
 * from the base table"): one GetItem per item, with the request's ConsistentRead, charged as DynamoDB charges them
 * (read units of each whole item, under the table).
 */
final class IndexReads {
  static final String NO_INDEX = "The table does not have the specified index: ";
  static final String GSI_CONSISTENT = "Consistent reads are not supported on global secondary indexes";
  static final String BACKFILLING = "Cannot read from backfilling global secondary index: ";

  private IndexReads() {}

  /** The index's key attributes, hash first. */
  static List<KeyAttribute> keySchema(IndexInfo index) {
    List<KeyAttribute> keys = new ArrayList<>(2);
    keys.add(index.getHashKey());
    if (!index.getRangeKey().getName().isEmpty()) {
      keys.add(index.getRangeKey());
    }
    return keys;
  }

  /**
   * The named index of {@code table}, asking the catalog again when a cached table does not know it (an index
   * created through another router) or still shows it backfilling (it may have become ACTIVE since). Fails with
   * DynamoDB's text when there is no such index.
   */
  static CompletableFuture<Target> resolve(Cluster cluster, TableInfo table, String name) {
    IndexInfo index = IndexAlterations.find(table, name);
    if (index != null && !index.getBackfilling()) {
      return CompletableFuture.completedFuture(new Target(table, index));
    }
    return cluster.describeTable(table.getName()).thenApply(fresh -> {
      IndexInfo i = fresh.map(t -> IndexAlterations.find(t, name)).orElse(null);
      if (i == null) {
        throw DynamoException.validation(NO_INDEX + name);
      }
      return new Target(fresh.get(), i);
    });
  }

  /** A table and one of its indexes. */
  record Target(TableInfo table, IndexInfo index) {
    boolean global() {
      return index.getKind() == IndexInfo.Kind.GLOBAL;
    }
  }

  /**
   * The checks before any key condition: consistency, backfill, the start key, Select. Returns the start key
   * (null when absent).
   */
  static Map<String, AttributeValue> check(Target t, boolean consistent, String select,
      Map<String, AttributeValue> startKey) {
    if (t.global() && consistent) {
      throw DynamoException.validation(GSI_CONSISTENT);
    }
    if (t.global() && t.index().getBackfilling()) {
      throw DynamoException.validation(BACKFILLING + t.index().getName());
    }
    List<KeyAttribute> keys = new ArrayList<>(KeyRules.keyAttributes(t.table()));
    for (KeyAttribute k : keySchema(t.index())) {
      if (keys.stream().noneMatch(x -> x.getName().equals(k.getName()))) {
        keys.add(k);
      }
    }
    if (startKey != null) {
      if (startKey.size() != keys.size()) {
        throw DynamoException.validation(QueryScanApi.START_KEY_INVALID);
      }
      boolean hash = true;
      for (KeyAttribute k : keySchema(t.index())) {
        AttributeValue v = startKey.get(k.getName());
        if (v == null) {
          throw DynamoException.validation(QueryScanApi.START_KEY_INVALID);
        }
        if (!k.getType().name().equals(AttributeJson.typeName(v))) {
          throw DynamoException.validation(KeyRules.KEY_MISMATCH);
        }
        KeyRules.checkValue(k.getName(), v, hash);
        hash = false;
      }
    }
    boolean allAttributes = "ALL_ATTRIBUTES".equals(select);
    if (allAttributes && t.global() && t.index().getProjectionType() != IndexInfo.ProjectionType.ALL) {
      throw DynamoException.validation(IndexRules.INVALID + "Select type ALL_ATTRIBUTES is not supported for global"
          + " secondary index " + t.index().getName() + " because its projection type is not ALL");
    }
    if (startKey == null) {
      return null;
    }
    Map<String, AttributeValue> tableKey = new LinkedHashMap<>();
    for (KeyAttribute k : KeyRules.keyAttributes(t.table())) {
      AttributeValue v = startKey.get(k.getName());
      if (v == null) {
        throw DynamoException.validation(QueryScanApi.START_KEY_INVALID);
      }
      tableKey.put(k.getName(), v);
    }
    try {
      KeyRules.checkKey(t.table(), tableKey);
    } catch (DynamoException e) {
      throw DynamoException.validation(QueryScanApi.START_KEY_INVALID + ": " + e.getMessage());
    }
    return startKey;
  }

  /** The entry range of the index sort-key condition (null: the whole partition). */
  static IndexKeys.Bounds bounds(IndexInfo index, Condition sortKey) {
    if (sortKey == null || index.getRangeKey().getName().isEmpty()) {
      return null;
    }
    var type = index.getRangeKey().getType();
    for (AttributeValue v : sortKey.values()) {
      // Empty and oversized values get the key texts rather than failing the encoding below.
      KeyRules.checkValue(index.getRangeKey().getName(), v, false);
    }
    byte[] a = KeyCodec.sortKeyBytes(type, sortKey.values().get(0));
    byte[] b = sortKey.operator().equals("BETWEEN") ? KeyCodec.sortKeyBytes(type, sortKey.values().get(1)) : null;
    return IndexKeys.sortBounds(IndexKeys.Op.valueOf(sortKey.operator()), a, b);
  }

  /** Whether an LSI read must fetch its items from the base table to answer. */
  static boolean fetchesBase(Target t, String select, io.shoal.core.expression.Projection projection) {
    IndexInfo index = t.index();
    if (t.global() || index.getProjectionType() == IndexInfo.ProjectionType.ALL || "COUNT".equals(select)) {
      return false;
    }
    if ("ALL_ATTRIBUTES".equals(select)) {
      return true;
    }
    if (projection != null) {
      for (String a : projection.topLevelAttributes()) {
        if (!Projection.projects(index, IndexTargets.tableKeys(t.table()), a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A page of an index read: its items (base items where fetched) and the units read from index and table. */
  record Result(Cluster.Page page, double indexUnits, double tableUnits) {}

  /** Completes an index page: base-table fetches when needed, and its capacity. */
  static CompletableFuture<Result> complete(Cluster cluster, Target t, Cluster.Page page, boolean fetch,
      boolean consistent) {
    long bytes = 0;
    for (Item i : page.items()) {
      bytes += ItemSize.of(i);
    }
    double indexUnits = CapacityUnits.read(bytes, consistent);
    if (!fetch || page.items().isEmpty()) {
      return CompletableFuture.completedFuture(new Result(page, indexUnits, 0));
    }
    List<CompletableFuture<Optional<Item>>> gets = new ArrayList<>();
    for (Item entry : page.items()) {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      for (KeyAttribute k : KeyRules.keyAttributes(t.table())) {
        key.put(k.getName(), entry.getAttributesOrThrow(k.getName()));
      }
      gets.add(cluster.getItem(t.table(), key, consistent));
    }
    return CompletableFuture.allOf(gets.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      List<Item> items = new ArrayList<>();
      double tableUnits = 0;
      for (int n = 0; n < gets.size(); n++) {
        Optional<Item> base = gets.get(n).join();
        // An item deleted since the entry was read keeps its projected attributes (the entry is what was read).
        items.add(base.orElse(page.items().get(n)));
        if (base.isPresent()) {
          tableUnits += CapacityUnits.read(ItemSize.of(base.get()), consistent);
        }
      }
      return new Result(new Cluster.Page(items, page.lastEvaluatedKey()), indexUnits, tableUnits);
    });
  }
}
