package io.shoal.router.testing;

import io.shoal.core.index.IndexKeys;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A {@link Cluster} passing every call to another; tests override the calls they want to change. */
public class DelegatingCluster implements Cluster {
  private final Cluster d;

  public DelegatingCluster(Cluster delegate) {
    this.d = delegate;
  }

  @Override
  public boolean ready() {
    return d.ready();
  }

  @Override
  public CompletableFuture<TableInfo> createTable(TableInfo spec) {
    return d.createTable(spec);
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> describeTable(String name) {
    return d.describeTable(name);
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> resolveTable(String name) {
    return d.resolveTable(name);
  }

  @Override
  public CompletableFuture<List<TableInfo>> listTables() {
    return d.listTables();
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> deleteTable(String name) {
    return d.deleteTable(name);
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> alterTable(AlterTableCommand change) {
    return d.alterTable(change);
  }

  @Override
  public CompletableFuture<Optional<Item>> putItem(TableInfo table, Item item, boolean returnOld) {
    return d.putItem(table, item, returnOld);
  }

  @Override
  public CompletableFuture<Optional<Item>> getItem(TableInfo table, Map<String, AttributeValue> key,
      boolean consistentRead) {
    return d.getItem(table, key, consistentRead);
  }

  @Override
  public CompletableFuture<Optional<Item>> deleteItem(TableInfo table, Map<String, AttributeValue> key,
      boolean returnOld) {
    return d.deleteItem(table, key, returnOld);
  }

  @Override
  public CompletableFuture<Page> query(TableInfo table, AttributeValue partitionKey, SortKeyRange range,
      boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return d.query(table, partitionKey, range, forward, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public CompletableFuture<Page> scan(TableInfo table, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return d.scan(table, segment, totalSegments, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public CompletableFuture<Page> queryIndex(TableInfo table, IndexInfo index, AttributeValue partitionKey,
      IndexKeys.Bounds bounds, boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit,
      boolean consistentRead) {
    return d.queryIndex(table, index, partitionKey, bounds, forward, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public CompletableFuture<Page> scanIndex(TableInfo table, IndexInfo index, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return d.scanIndex(table, index, segment, totalSegments, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public CompletableFuture<WriteOutcome> putItem(TableInfo table, Item item, Expression condition) {
    return d.putItem(table, item, condition);
  }

  @Override
  public CompletableFuture<WriteOutcome> deleteItem(TableInfo table, Map<String, AttributeValue> key,
      Expression condition) {
    return d.deleteItem(table, key, condition);
  }

  @Override
  public CompletableFuture<WriteOutcome> updateItem(TableInfo table, Map<String, AttributeValue> key,
      Expression update, Expression condition) {
    return d.updateItem(table, key, update, condition);
  }
}
