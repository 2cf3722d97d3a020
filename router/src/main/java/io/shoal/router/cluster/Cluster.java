package io.shoal.router.cluster;

import io.shoal.proto.AttributeValue;
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

  /** Deletes the table and returns it as it was before deletion, or empty if it did not exist. */
  CompletableFuture<Optional<TableInfo>> deleteTable(String name);

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
}
