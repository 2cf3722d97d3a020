package io.shoal.router.testing;

import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory {@link Cluster} for API tests. It counts calls to the mutating methods, so tests can
 * prove a rejected request changed nothing, and can be told to fail the next call.
 */
public final class FakeCluster implements Cluster {
  /** Creation time the fake stamps on every table: 2023-11-14T22:13:20.123Z. */
  public static final long CREATED_AT_MS = 1_700_000_000_123L;

  private final Map<String, TableInfo> tables = new ConcurrentSkipListMap<>();
  private final Map<Long, Map<List<ByteString>, Item>> items = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicInteger mutations = new AtomicInteger();
  private final AtomicReference<RuntimeException> failNext = new AtomicReference<>();

  /** Number of createTable/deleteTable/putItem/deleteItem calls so far. */
  public int mutations() {
    return mutations.get();
  }

  /** Makes the next cluster call complete exceptionally with {@code e}. */
  public void failNext(RuntimeException e) {
    failNext.set(e);
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
    return f != null ? f : CompletableFuture.completedFuture(Optional.ofNullable(tables.get(name)));
  }

  @Override
  public CompletableFuture<List<TableInfo>> listTables() {
    CompletableFuture<List<TableInfo>> f = failure();
    return f != null ? f : CompletableFuture.completedFuture(new ArrayList<>(tables.values()));
  }

  @Override
  public synchronized CompletableFuture<Optional<TableInfo>> deleteTable(String name) {
    mutations.incrementAndGet();
    CompletableFuture<Optional<TableInfo>> f = failure();
    if (f != null) {
      return f;
    }
    TableInfo t = tables.remove(name);
    if (t != null) {
      items.remove(t.getId());
    }
    return CompletableFuture.completedFuture(Optional.ofNullable(t));
  }

  @Override
  public CompletableFuture<Optional<Item>> putItem(TableInfo table, Item item, boolean returnOld) {
    mutations.incrementAndGet();
    CompletableFuture<Optional<Item>> f = failure();
    if (f != null) {
      return f;
    }
    Map<List<ByteString>, Item> data = items.get(table.getId());
    if (data == null) {
      return CompletableFuture.failedFuture(DynamoException.resourceNotFound("Requested resource not found"));
    }
    Item old = data.put(keyOf(table, item.getAttributesMap()), item);
    return CompletableFuture.completedFuture(returnOld ? Optional.ofNullable(old) : Optional.empty());
  }

  @Override
  public CompletableFuture<Optional<Item>> getItem(
      TableInfo table, Map<String, AttributeValue> key, boolean consistentRead) {
    CompletableFuture<Optional<Item>> f = failure();
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
    if (f != null) {
      return f;
    }
    Item old = items.get(table.getId()).remove(keyOf(table, key));
    return CompletableFuture.completedFuture(returnOld ? Optional.ofNullable(old) : Optional.empty());
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
