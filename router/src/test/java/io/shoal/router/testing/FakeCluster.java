package io.shoal.router.testing;

import com.google.protobuf.ByteString;
import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionException;
import io.shoal.core.expression.ExpressionKind;
import io.shoal.core.expression.Expressions;
import io.shoal.core.number.InvalidNumberException;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * An in-memory {@link Cluster} for API tests. It counts calls to the mutating methods, so tests can
 * prove a rejected request changed nothing, and can be told to fail the next call.
 */
public final class FakeCluster implements Cluster {
  /** Creation time the fake stamps on every table: 2023-11-14T22:13:20.123Z. */
  public static final long CREATED_AT_MS = 1_700_000_000_123L;
  /** Time the fake stamps on every table change (UpdateTable, tags): 2023-11-14T22:15:00.456Z. */
  public static final long ALTERED_AT_MS = 1_700_000_100_456L;

  private final Map<String, TableInfo> tables = new ConcurrentSkipListMap<>();
  private final Map<Long, Map<List<ByteString>, Item>> items = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicInteger mutations = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicReference<RuntimeException> failNext = new AtomicReference<>();
  private volatile KeyFailure keyFailure;
  private volatile boolean ready = true;

  /** Fails unconditional getItem/putItem/deleteItem calls whose key attributes match, with a fixed error. */
  private record KeyFailure(Predicate<Map<String, AttributeValue>> which, RuntimeException error) {}

  /** Number of createTable/deleteTable/alterTable/putItem/deleteItem/updateItem calls (conditional or not) so far. */
  public int mutations() {
    return mutations.get();
  }

  /** Number of query/scan calls so far. */
  public int reads() {
    return reads.get();
  }

  /** What {@link #ready()} answers from now on (true by default): a router that has or lacks its partition map. */
  public void setReady(boolean ready) {
    this.ready = ready;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  /** Makes the next cluster call complete exceptionally with {@code e}. */
  public void failNext(RuntimeException e) {
    failNext.set(e);
  }

  /**
   * Makes every unconditional getItem/putItem/deleteItem whose key (for a put: the item) matches {@code which} fail
   * with {@code error}, until {@link #healKeys()}: a partition that cannot be reached, for batch tests.
   */
  public void failKeys(Predicate<Map<String, AttributeValue>> which, RuntimeException error) {
    keyFailure = new KeyFailure(which, error);
  }

  public void healKeys() {
    keyFailure = null;
  }

  private <T> CompletableFuture<T> keyFailure(Map<String, AttributeValue> attributes) {
    KeyFailure f = keyFailure;
    return f != null && f.which().test(attributes) ? CompletableFuture.failedFuture(f.error()) : null;
  }

  /** Adds a table directly (not counted as a mutation). {@code rangeType} may be null. */
  public TableInfo addTable(String name, String hashName, ScalarType hashType, String rangeName, ScalarType rangeType) {
    KeyAttribute hash = KeyAttribute.newBuilder().setName(hashName).setType(hashType).build();
    TableInfo.Builder b = TableInfo.newBuilder()
        .setName(name)
        .setHashKey(hash)
        .addAttributeDefinitions(hash)
        .setBillingMode("PAY_PER_REQUEST");
    if (rangeName != null) {
      KeyAttribute range = KeyAttribute.newBuilder().setName(rangeName).setType(rangeType).build();
      b.setRangeKey(range).addAttributeDefinitions(range);
    }
    return store(b.build());
  }

  public Optional<Item> storedItem(String table, Map<String, AttributeValue> key) {
    TableInfo t = tables.get(table);
    return Optional.ofNullable(items.get(t.getId()).get(keyOf(t, key)));
  }

  public int itemCount(String table) {
    TableInfo t = tables.get(table);
    return t == null ? 0 : items.get(t.getId()).size();
  }

  private TableInfo store(TableInfo spec) {
    TableInfo t = spec.toBuilder()
        .setId(nextId.getAndIncrement())
        .setCreatedAtMs(CREATED_AT_MS)
        .setStatus(TableInfo.Status.ACTIVE)
        .build();
    t = io.shoal.core.catalog.IndexAlterations.assignIds(t, nextId::getAndIncrement, CREATED_AT_MS);
    tables.put(t.getName(), t);
    items.put(t.getId(), new ConcurrentHashMap<>());
    return t;
  }

  private <T> CompletableFuture<T> failure() {
    RuntimeException e = failNext.getAndSet(null);
    return e == null ? null : CompletableFuture.failedFuture(e);
  }

  @Override
  public synchronized CompletableFuture<TableInfo> createTable(TableInfo spec) {
    mutations.incrementAndGet();
    CompletableFuture<TableInfo> f = failure();
    if (f != null) {
      return f;
    }
    if (spec.getId() != 0 || spec.getCreatedAtMs() != 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("spec must not carry id or time"));
    }
    if (tables.containsKey(spec.getName())) {
      return CompletableFuture.failedFuture(
          DynamoException.resourceInUse("Table already exists: " + spec.getName()));
    }
    return CompletableFuture.completedFuture(store(spec));
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> describeTable(String name) {
    CompletableFuture<Optional<TableInfo>> f = failure();
    return f != null ? f : CompletableFuture.completedFuture(Optional.ofNullable(tables.get(name)).map(this::withTotals));
  }

  @Override
  public CompletableFuture<List<TableInfo>> listTables() {
    CompletableFuture<List<TableInfo>> f = failure();
    return f != null ? f : CompletableFuture.completedFuture(tables.values().stream().map(this::withTotals).toList());
  }

  /**
   * The table with item count and DynamoDB item bytes as the nodes' statistics scan would report them, computed on
   * every call (as if the scan had just run).
   */
  private TableInfo withTotals(TableInfo t) {
    Map<List<ByteString>, Item> data = items.getOrDefault(t.getId(), Map.of());
    long bytes = data.values().stream().mapToLong(io.shoal.core.item.ItemSize::of).sum();
    TableInfo.Builder b = t.toBuilder().setItemCount(data.size()).setSizeBytes(bytes);
    for (int n = 0; n < b.getIndexesCount(); n++) {
      io.shoal.proto.IndexInfo i = b.getIndexes(n);
      b.setIndexes(n, i.toBuilder().setItemCount(indexes.size(i.getId())).setSizeBytes(indexes.bytes(i.getId())));
    }
    return b.build();
  }

  /** Applies the change with the same rules (and texts) as the metadata state machine. */
  @Override
  public synchronized CompletableFuture<Optional<TableInfo>> alterTable(io.shoal.proto.AlterTableCommand change) {
    mutations.incrementAndGet();
    CompletableFuture<Optional<TableInfo>> f = failure();
    if (f != null) {
      return f;
    }
    if (change.getAtMs() != 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("the catalog stamps the time, not the API"));
    }
    TableInfo t = tables.get(change.getName());
    if (t == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    try {
      TableInfo altered = switch (change.getChangeCase()) {
        case CREATE_INDEX -> createIndex(t, change.getCreateIndex().getIndex());
        case DELETE_INDEX -> {
          io.shoal.proto.IndexInfo gone = io.shoal.core.catalog.IndexAlterations.find(t,
              change.getDeleteIndex().getIndexName());
          TableInfo after = io.shoal.core.catalog.IndexAlterations.delete(t, change.getDeleteIndex().getIndexName());
          indexes.drop(gone.getId());
          yield after;
        }
        default -> io.shoal.core.catalog.TableAlterations.apply(t, change.toBuilder().setAtMs(ALTERED_AT_MS).build());
      };
      tables.put(altered.getName(), altered);
      return CompletableFuture.completedFuture(Optional.of(withTotals(altered)));
    } catch (io.shoal.core.catalog.TableAlterationException e) {
      return CompletableFuture.failedFuture(e.notFound() ? DynamoException.resourceNotFound(e.getMessage())
          : DynamoException.validation(e.getMessage()));
    }
  }

  /** UpdateTable Create: the new GSI stays CREATING (backfilled at once) until {@link #activateIndexes}. */
  private TableInfo createIndex(TableInfo t, io.shoal.proto.IndexInfo spec) {
    TableInfo altered = io.shoal.core.catalog.IndexAlterations.create(t, spec, nextId::getAndIncrement, ALTERED_AT_MS);
    io.shoal.proto.IndexInfo created = altered.getIndexes(altered.getIndexesCount() - 1);
    indexes.backfill(altered, created, items.get(t.getId()).values());
    return altered;
  }

  /** Marks every CREATING index of the table ACTIVE, as the metadata leader does once all groups backfilled. */
  public synchronized void activateIndexes(String table) {
    TableInfo t = tables.get(table);
    for (io.shoal.proto.IndexInfo i : t.getIndexesList()) {
      t = io.shoal.core.catalog.IndexAlterations.activated(t, i.getId());
    }
    tables.put(table, t);
  }

  /** Number of entries of the named index (for tests). */
  public int indexSize(String table, String index) {
    return indexes.size(io.shoal.core.catalog.IndexAlterations.find(tables.get(table), index).getId());
  }

  // Index maintenance, as a storage group does it at apply: refuse items with mistyped index keys, then change
  // the entries. The catalog's current table is used (the router may hold an older copy).

  private final FakeIndexes indexes = new FakeIndexes();

  private TableInfo current(TableInfo table) {
    TableInfo t = tables.get(table.getName());
    return t != null && t.getId() == table.getId() ? t : table;
  }

  private <T> CompletableFuture<T> indexViolation(TableInfo table, Item newItem) {
    String m = FakeIndexes.violation(current(table), newItem);
    return m == null ? null : CompletableFuture.failedFuture(DynamoException.validation(m));
  }

  private void indexWrite(TableInfo table, Item before, Item after) {
    indexes.onWrite(current(table), before, after);
  }

  @Override
  public CompletableFuture<Page> queryIndex(TableInfo table, io.shoal.proto.IndexInfo index,
      AttributeValue partitionKey, io.shoal.core.index.IndexKeys.Bounds bounds, boolean forward,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    reads.incrementAndGet();
    CompletableFuture<Page> f = failure();
    if (f != null) {
      return f;
    }
    return CompletableFuture.completedFuture(
        indexes.query(table, index, partitionKey, bounds, forward, exclusiveStartKey, limit));
  }

  @Override
  public CompletableFuture<Page> scanIndex(TableInfo table, io.shoal.proto.IndexInfo index, int segment,
      int totalSegments, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    reads.incrementAndGet();
    CompletableFuture<Page> f = failure();
    if (f != null) {
      return f;
    }
    return CompletableFuture.completedFuture(
        indexes.scan(table, index, segment, totalSegments, exclusiveStartKey, limit));
  }

  @Override
  public synchronized CompletableFuture<Optional<TableInfo>> deleteTable(String name) {
    mutations.incrementAndGet();
    CompletableFuture<Optional<TableInfo>> f = failure();
    if (f != null) {
      return f;
    }
    TableInfo t = tables.get(name);
    if (t != null && t.getDeletionProtection()) {
      return CompletableFuture.failedFuture(DynamoException.validation(
          "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."));
    }
    if (t != null) {
      tables.remove(name);
      items.remove(t.getId());
    }
    return CompletableFuture.completedFuture(Optional.ofNullable(t));
  }

  @Override
  public CompletableFuture<Optional<Item>> putItem(TableInfo table, Item item, boolean returnOld) {
    mutations.incrementAndGet();
    CompletableFuture<Optional<Item>> f = failure();
    if (f == null) {
      f = keyFailure(item.getAttributesMap());
    }
    if (f != null) {
      return f;
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    if (data == null) {
      return CompletableFuture.failedFuture(DynamoException.resourceNotFound("Requested resource not found"));
    }
    CompletableFuture<Optional<Item>> refused = indexViolation(table, item);
    if (refused != null) {
      return refused;
    }
    Item old;
    synchronized (this) {
      old = data.put(keyOf(table, item.getAttributesMap()), item);
      indexWrite(table, old, item);
    }
    return CompletableFuture.completedFuture(returnOld ? Optional.ofNullable(old) : Optional.empty());
  }

  @Override
  public CompletableFuture<Optional<Item>> getItem(
      TableInfo table, Map<String, AttributeValue> key, boolean consistentRead) {
    CompletableFuture<Optional<Item>> f = failure();
    if (f == null) {
      f = keyFailure(key);
    }
    if (f != null) {
      return f;
    }
    if (key.size() != (table.getRangeKey().getName().isEmpty() ? 1 : 2)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("key has extra attributes: " + key));
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    return CompletableFuture.completedFuture(Optional.ofNullable(data.get(keyOf(table, key))));
  }

  @Override
  public CompletableFuture<Optional<Item>> deleteItem(
      TableInfo table, Map<String, AttributeValue> key, boolean returnOld) {
    mutations.incrementAndGet();
    CompletableFuture<Optional<Item>> f = failure();
    if (f == null) {
      f = keyFailure(key);
    }
    if (f != null) {
      return f;
    }
    Item old;
    synchronized (this) {
      old = items.get(table.getId()).remove(keyOf(table, key));
      indexWrite(table, old, null);
    }
    return CompletableFuture.completedFuture(returnOld ? Optional.ofNullable(old) : Optional.empty());
  }

  // Conditional writes, evaluated with the same expression module the storage nodes use, under the fake's lock so
  // the check and the write are atomic.

  private final Expressions expressions = new Expressions();
  private final java.util.List<String> conditionalCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final java.util.List<Expression> expressionsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** One line per conditional put/delete/update call: "op condition-text | update-text". */
  public java.util.List<String> conditionalCalls() {
    return conditionalCalls;
  }

  /** Every non-null Expression passed to a conditional method, in call order (update before condition). */
  public java.util.List<Expression> expressionsSeen() {
    return expressionsSeen;
  }

  private boolean holds(Expression condition, Item current) {
    if (condition != null) {
      expressionsSeen.add(condition);
    }
    if (condition == null) {
      return true;
    }
    ExpressionAttributes attrs = ExpressionAttributes.of(
        condition.names().isEmpty() ? null : condition.names(), condition.values().isEmpty() ? null : condition.values());
    return expressions.condition(ExpressionKind.CONDITION, condition.text(), attrs)
        .evaluate(current == null ? Item.getDefaultInstance() : current);
  }

  @Override
  public synchronized CompletableFuture<WriteOutcome> putItem(TableInfo table, Item item, Expression condition) {
    mutations.incrementAndGet();
    conditionalCalls.add("put " + (condition == null ? "-" : condition.text()));
    CompletableFuture<WriteOutcome> f = failure();
    if (f != null) {
      return f;
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    List<ByteString> k = keyOf(table, item.getAttributesMap());
    Item old = data.get(k);
    if (!holds(condition, old)) {
      return CompletableFuture.failedFuture(DynamoException.conditionalCheckFailed(old));
    }
    CompletableFuture<WriteOutcome> refused = indexViolation(table, item);
    if (refused != null) {
      return refused;
    }
    data.put(k, item);
    indexWrite(table, old, item);
    return CompletableFuture.completedFuture(new WriteOutcome(Optional.ofNullable(old), Optional.of(item)));
  }

  @Override
  public synchronized CompletableFuture<WriteOutcome> deleteItem(TableInfo table, Map<String, AttributeValue> key,
      Expression condition) {
    mutations.incrementAndGet();
    conditionalCalls.add("delete " + (condition == null ? "-" : condition.text()));
    CompletableFuture<WriteOutcome> f = failure();
    if (f != null) {
      return f;
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    List<ByteString> k = keyOf(table, key);
    Item old = data.get(k);
    if (!holds(condition, old)) {
      return CompletableFuture.failedFuture(DynamoException.conditionalCheckFailed(old));
    }
    data.remove(k);
    indexWrite(table, old, null);
    return CompletableFuture.completedFuture(new WriteOutcome(Optional.ofNullable(old), Optional.empty()));
  }

  @Override
  public synchronized CompletableFuture<WriteOutcome> updateItem(TableInfo table, Map<String, AttributeValue> key,
      Expression update, Expression condition) {
    mutations.incrementAndGet();
    conditionalCalls.add("update " + (condition == null ? "-" : condition.text()) + " | "
        + (update == null ? "-" : update.text()));
    CompletableFuture<WriteOutcome> f = failure();
    if (f != null) {
      return f;
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    List<ByteString> k = keyOf(table, key);
    Item old = data.get(k);
    if (update != null) {
      expressionsSeen.add(update);
    }
    if (!holds(condition, old)) {
      return CompletableFuture.failedFuture(DynamoException.conditionalCheckFailed(old));
    }
    Item updated;
    try {
      if (update == null) {
        updated = old;
      } else {
        ExpressionAttributes attrs = ExpressionAttributes.of(
            update.names().isEmpty() ? null : update.names(), update.values().isEmpty() ? null : update.values());
        updated = expressions.update(update.text(), attrs).apply(old);
      }
    } catch (ExpressionException | InvalidNumberException e) {
      return CompletableFuture.failedFuture(DynamoException.validation(e.getMessage()));
    }
    // The key attributes are always there (the API layer refuses updates of them); an absent item is created.
    Item.Builder b = updated == null ? Item.newBuilder() : updated.toBuilder();
    b.putAllAttributes(key);
    Item stored = b.build();
    CompletableFuture<WriteOutcome> refused = indexViolation(table, stored);
    if (refused != null) {
      return refused;
    }
    data.put(k, stored);
    indexWrite(table, old, stored);
    return CompletableFuture.completedFuture(new WriteOutcome(Optional.ofNullable(old), Optional.of(stored)));
  }

  // Query and Scan over a snapshot of the table, ordered as Shoal orders them: by sort key in DynamoDB order
  // within a partition; for Scan by (hash of the partition key, partition key bytes, sort key).

  @Override
  public CompletableFuture<Page> query(TableInfo table, AttributeValue partitionKey, SortKeyRange range,
      boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    reads.incrementAndGet();
    CompletableFuture<Page> f = failure();
    if (f != null) {
      return f;
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    if (data == null) {
      return CompletableFuture.failedFuture(DynamoException.resourceNotFound("Requested resource not found"));
    }
    String hashName = table.getHashKey().getName();
    String rangeName = table.getRangeKey().getName();
    Comparator<Item> order = Comparator.comparing(i -> i.getAttributesMap().get(rangeName), FakeOrder::compareValues);
    List<Item> matching = new ArrayList<>();
    for (Item i : data.values()) {
      if (i.getAttributesMap().get(hashName).equals(partitionKey)
          && (rangeName.isEmpty() || FakeOrder.inRange(i.getAttributesMap().get(rangeName), range))) {
        matching.add(i);
      }
    }
    if (!rangeName.isEmpty()) {
      matching.sort(forward ? order : order.reversed());
    }
    if (exclusiveStartKey != null && !rangeName.isEmpty()) {
      AttributeValue start = exclusiveStartKey.get(rangeName);
      matching.removeIf(i -> {
        int c = FakeOrder.compareValues(i.getAttributesMap().get(rangeName), start);
        return forward ? c <= 0 : c >= 0;
      });
    } else if (exclusiveStartKey != null) {
      matching.clear(); // a hash-only partition holds one item, which the start key already returned
    }
    return CompletableFuture.completedFuture(FakeOrder.page(table, matching, limit));
  }

  @Override
  public CompletableFuture<Page> scan(TableInfo table, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    reads.incrementAndGet();
    CompletableFuture<Page> f = failure();
    if (f != null) {
      return f;
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    if (data == null) {
      return CompletableFuture.failedFuture(DynamoException.resourceNotFound("Requested resource not found"));
    }
    Comparator<Map<String, AttributeValue>> order = FakeOrder.scanOrder(table);
    List<Item> matching = new ArrayList<>();
    for (Item i : data.values()) {
      long h = FakeOrder.hash(i.getAttributesMap().get(table.getHashKey().getName()));
      if ((h * totalSegments) >>> 31 == segment) {
        matching.add(i);
      }
    }
    matching.sort((a, b) -> order.compare(a.getAttributesMap(), b.getAttributesMap()));
    if (exclusiveStartKey != null) {
      matching.removeIf(i -> order.compare(i.getAttributesMap(), exclusiveStartKey) <= 0);
    }
    return CompletableFuture.completedFuture(FakeOrder.page(table, matching, limit));
  }

  private static List<ByteString> keyOf(TableInfo t, Map<String, AttributeValue> attributes) {
    List<ByteString> key = new ArrayList<>();
    key.add(attributes.get(t.getHashKey().getName()).toByteString());
    if (!t.getRangeKey().getName().isEmpty()) {
      key.add(attributes.get(t.getRangeKey().getName()).toByteString());
    }
    return key;
  }
}
