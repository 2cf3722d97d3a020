package io.shoal.router.cluster;

import io.shoal.core.index.IndexKeys;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the DynamoDB API layer needs from the cluster.
 *
 * <p>Every method is asynchronous and must not block the calling thread: handlers run on Netty's event
 * loop. Requests reaching these methods are already validated (table name, key schema, attribute values,
 * key types), so implementations may trust their arguments' shape.
 *
 * <p>Failures complete the future exceptionally with an {@link io.shoal.router.error.DynamoException}
 * carrying the DynamoDB-facing error; any other exception is reported to the client as an
 * InternalServerError.
 */
public interface Cluster {

  /**
   * True once this client can serve requests: it knows where the partitions are and what the tables are. Must not
   * block (the HTTP readiness probe calls it on an event loop).
   */
  default boolean ready() {
    return true;
  }

  /**
   * Creates a table from {@code spec} (name, keys, attribute definitions, billing mode and capacity; no
   * id, creation time or status) and returns it as stored, with id, {@code created_at_ms} and status
   * filled in.
   *
   * <p>Completes exceptionally with {@code DynamoException.resourceInUse("Table already exists: NAME")}
   * if a table of that name exists (DynamoDB's text).
   */
  CompletableFuture<TableInfo> createTable(TableInfo spec);

  /** The table, or empty if there is no table of that name. */
  CompletableFuture<Optional<TableInfo>> describeTable(String name);

  /**
   * The table for item operations. May answer from a cache: a table deleted meanwhile is caught by the storage
   * groups, which refuse reads and writes of dropped tables (ResourceNotFoundException).
   */
  default CompletableFuture<Optional<TableInfo>> resolveTable(String name) {
    return describeTable(name);
  }

  /** All tables, sorted by name (ListTables pages over this order). */
  CompletableFuture<List<TableInfo>> listTables();

  /**
   * Deletes the table and returns it as it was before deletion, or empty if it did not exist. A table with deletion
   * protection completes exceptionally with DynamoDB's ValidationException and stays.
   */
  CompletableFuture<Optional<TableInfo>> deleteTable(String name);

  /**
   * Changes a table's settings or tags ({@code change.at_ms} is left 0; the catalog stamps the time). Returns the
   * table as changed, or empty if there is no table of that name. A change DynamoDB would refuse given the table's
   * current settings completes exceptionally with a ValidationException carrying DynamoDB's text.
   */
  default CompletableFuture<Optional<TableInfo>> alterTable(AlterTableCommand change) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("alter table"));
  }

  /**
   * Stores {@code item} (which contains the table's key attributes with the right types) in place of
   * any item with the same key.
   *
   * @param returnOld whether the caller wants the replaced item back
   * @return the replaced item when {@code returnOld} and there was one, else empty
   */
  CompletableFuture<Optional<Item>> putItem(TableInfo table, Item item, boolean returnOld);

  /**
   * The item with exactly this key ({@code key} holds the table's key attributes and nothing else), or
   * empty.
   *
   * @param consistentRead whether the read must reflect every write acknowledged before it started
   */
  CompletableFuture<Optional<Item>> getItem(
      TableInfo table, Map<String, AttributeValue> key, boolean consistentRead);

  /**
   * Deletes the item with this key; deleting an absent item is not an error.
   *
   * @return the deleted item when {@code returnOld} and there was one, else empty
   */
  CompletableFuture<Optional<Item>> deleteItem(
      TableInfo table, Map<String, AttributeValue> key, boolean returnOld);

  /**
   * A sort-key condition of a Query, on decoded values of the table's sort-key type. Either {@code beginsWith} is
   * set (S or B only), or any of the two bounds (null = unbounded): = is lower and upper both inclusive on the
   * same value, BETWEEN is both inclusive, &lt; &lt;= &gt; &gt;= set one bound.
   */
  record SortKeyRange(AttributeValue lower, boolean lowerInclusive, AttributeValue upper, boolean upperInclusive,
      AttributeValue beginsWith) {
    public static SortKeyRange all() {
      return new SortKeyRange(null, false, null, false, null);
    }
  }

  /**
   * One page of a Query or Scan, before any filter or projection: every item read, in order.
   *
   * @param lastEvaluatedKey the key attributes of the last item read when the page stopped early (Limit reached
   *     or 1 MB read); empty when the range is exhausted
   */
  record Page(List<Item> items, Optional<Map<String, AttributeValue>> lastEvaluatedKey) {}

  /** DynamoDB's page size: a Query or Scan reads at most 1 MB before it returns. */
  long PAGE_BYTES = 1 << 20;

  /**
   * Items of one partition key in sort-key order (reverse when {@code !forward}), starting after
   * {@code exclusiveStartKey} (the table's key attributes, or null), at most {@code limit} items (0 = no limit)
   * and at most {@link #PAGE_BYTES} read.
   */
  default CompletableFuture<Page> query(TableInfo table, AttributeValue partitionKey, SortKeyRange range,
      boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("query"));
  }

  /**
   * Items of segment {@code segment} of {@code totalSegments} (0 of 1 = the whole table), in Shoal's scan order
   * (hash order, then key), starting after {@code exclusiveStartKey}; same page limits as {@link #query}.
   * Segments split the hash space evenly, so together they return every item exactly once.
   */
  default CompletableFuture<Page> scan(TableInfo table, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("scan"));
  }

  /**
   * Entries of one partition of a secondary index, in index sort-key order (then base key; reverse when
   * {@code !forward}), within {@code bounds} over the entries' sort parts (null = the whole partition; see
   * {@link io.shoal.core.index.IndexKeys#sortBounds}), starting after {@code exclusiveStartKey} (index and table key
   * attributes, or null), with {@link #query}'s page limits. Items are the entries' projected items; a page's
   * lastEvaluatedKey holds the table's and the index's key attributes of its last item.
   */
  default CompletableFuture<Page> queryIndex(TableInfo table, IndexInfo index, AttributeValue partitionKey,
      IndexKeys.Bounds bounds, boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit,
      boolean consistentRead) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("index query"));
  }

  /** Entries of a secondary index, segment by segment, as {@link #scan} reads a table; keys as {@link #queryIndex}. */
  default CompletableFuture<Page> scanIndex(TableInfo table, IndexInfo index, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("index scan"));
  }

  /**
   * A condition or update expression as the client sent it, already parsed and checked by the API layer (syntax,
   * names and values defined and used). {@code names} and {@code values} are the request's whole
   * ExpressionAttributeNames/Values (numbers normalized); the storage group evaluates it against the latest
   * committed item, atomically with the write.
   */
  record Expression(String text, Map<String, String> names, Map<String, AttributeValue> values) {}

  /**
   * The item before and after a conditional write (empty when absent or not asked for), and their DynamoDB item
   * sizes (0 when absent), which write capacity is charged on even when the items are not returned.
   */
  record WriteOutcome(Optional<Item> oldItem, Optional<Item> newItem, long oldSize, long newSize) {
    /** An outcome whose sizes are those of the items given. */
    public WriteOutcome(Optional<Item> oldItem, Optional<Item> newItem) {
      this(oldItem, newItem, oldItem.map(ItemSize::of).orElse(0L), newItem.map(ItemSize::of).orElse(0L));
    }
  }

  /**
   * PutItem with an optional condition (null = unconditional). A false condition completes exceptionally with
   * {@code DynamoException.conditionalCheckFailed(oldItemOrNull)}; the API layer decides what to return.
   */
  default CompletableFuture<WriteOutcome> putItem(TableInfo table, Item item, Expression condition) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("conditional put"));
  }

  /** DeleteItem with an optional condition; same failure contract as the conditional put. */
  default CompletableFuture<WriteOutcome> deleteItem(TableInfo table, Map<String, AttributeValue> key,
      Expression condition) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("conditional delete"));
  }

  /**
   * UpdateItem: applies {@code update} (null = no attribute changes, which still creates the item with just its
   * key if absent, as DynamoDB does) when {@code condition} (null = none) holds. Runtime expression errors (e.g. an
   * operand of the wrong type) complete exceptionally with a ValidationException and change nothing.
   */
  default CompletableFuture<WriteOutcome> updateItem(TableInfo table, Map<String, AttributeValue> key,
      Expression update, Expression condition) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("update"));
  }
}
