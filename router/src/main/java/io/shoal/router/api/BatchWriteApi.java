package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.capacity.CapacityUnits;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.CoralType;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * BatchWriteItem: up to 25 unconditional puts and deletes over any number of tables, sent concurrently (each key
 * goes to its own Raft group). The whole request is validated, tables and key schemas included, before the first
 * write, so a bad request changes nothing. Writes whose partition cannot be reached come back in UnprocessedItems
 * exactly as the client sent them.
 *
 * <p>Validation order and texts: dynalite validations/batchWriteItem.js, actions/batchWriteItem.js and
 * test/batchWriteItem.js (written against DynamoDB); DynamoDB Local's ErrorFactory for the 25-request limit.
 */
public final class BatchWriteApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // The value type of RequestItems as DynamoDB names it (dynalite test/batchWriteItem.js).
  private static final String WRITE_REQUESTS = "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>";

  static final int MAX_REQUESTS = 25;
  /** DynamoDB Local's ErrorFactory BATCH_WRITE_LIMIT_EXCEEDED: more than 25 requests over all tables. */
  static final String TOO_MANY_REQUESTS = "Too many items requested for the BatchWriteItem call";
  /**
   * A WriteRequest with neither PutRequest nor DeleteRequest (dynalite test/batchWriteItem.js "empty item in
   * RequestItems": DynamoDB's union check reuses the attribute-value text). We assume the same text when both are
   * set, which the same check refuses.
   */
  static final String NOT_EXACTLY_ONE = "Supplied AttributeValue has more than one datatypes set, must contain"
      + " exactly one of the supported datatypes";

  private final Cluster cluster;

  public BatchWriteApi(Cluster cluster) {
    this.cluster = Objects.requireNonNull(cluster);
  }

  /** One validated write. {@code json} is the WriteRequest as sent (for UnprocessedItems). */
  private record Write(String table, JsonNode json, Item put, Map<String, AttributeValue> deleteKey, long size) {
    boolean isPut() {
      return put != null;
    }
  }

  public CompletableFuture<ObjectNode> batchWriteItem(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types of the whole request.
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    String metrics = RequestFields.string(body, "ReturnItemCollectionMetrics");
    ObjectNode requestItems = RequestFields.map(body, "RequestItems", WRITE_REQUESTS);
    List<String> names = BatchRequests.tableNames(requestItems);
    for (String name : names) {
      ArrayNode requests = RequestFields.asList(requestItems.get(name), CoralType.PARAMETERIZED_LIST);
      if (requests != null) {
        requests.forEach(r -> checkShape(RequestFields.valueStructure(r, "WriteRequest")));
      }
    }

    // Stage 2: member constraints (order of dynalite validations/batchWriteItem.js types).
    Constraints c = new Constraints()
        .oneOf("returnConsumedCapacity", consumed, ItemsApi.RETURN_CONSUMED_CAPACITY)
        .oneOf("returnItemCollectionMetrics", metrics, ItemsApi.RETURN_ITEM_COLLECTION_METRICS)
        .notNull("requestItems", requestItems);
    if (requestItems != null) {
      // Not verified: how DynamoDB prints the map in these messages (dynalite's tests match it with '{.+}').
      String rendered = requestItems.toString();
      c.sizeAtLeast("requestItems", requestItems.size(), rendered, 1);
      c.tableNameKeys("requestItems", names, rendered);
      List<Integer> sizes = names.stream().map(n -> requests(requestItems, n).size()).toList();
      c.mapValueSizes("requestItems", sizes, rendered, 1, MAX_REQUESTS);
      for (String name : BatchRequests.reversed(names)) {
        List<ObjectNode> requests = requests(requestItems, name);
        for (int i = 0; i < requests.size(); i++) {
          ObjectNode r = requests.get(i);
          String path = "requestItems." + name + ".member." + (i + 1) + ".member.";
          ObjectNode delete = r == null ? null : RequestFields.structure(r, "DeleteRequest", "DeleteRequest");
          if (delete != null) {
            c.notNull(path + "deleteRequest.key", RequestFields.map(delete, "Key", "AttributeValue"));
          }
          ObjectNode put = r == null ? null : RequestFields.structure(r, "PutRequest", "PutRequest");
          if (put != null) {
            c.notNull(path + "putRequest.item", RequestFields.map(put, "Item", "AttributeValue"));
          }
        }
      }
    }
    c.throwIfAny();

    // Stage 3: values, before any table is looked up (dynalite custom()).
    int total = names.stream().mapToInt(n -> requests(requestItems, n).size()).sum();
    if (total > MAX_REQUESTS) {
      throw DynamoException.validation(TOO_MANY_REQUESTS);
    }
    List<Write> writes = new ArrayList<>();
    for (String name : names) {
      List<ObjectNode> requests = requests(requestItems, name);
      for (ObjectNode r : requests) {
        boolean hasPut = r != null && !RequestFields.absent(r, "PutRequest");
        boolean hasDelete = r != null && !RequestFields.absent(r, "DeleteRequest");
        if (hasPut == hasDelete) {
          throw DynamoException.validation(NOT_EXACTLY_ONE);
        }
      }
      for (ObjectNode r : requests) {
        ObjectNode put = RequestFields.structure(r, "PutRequest", "PutRequest");
        if (put != null) {
          Item item = AttributeJson.readItem(RequestFields.map(put, "Item", "AttributeValue"));
          long size = ItemSize.of(item);
          if (size > ItemSize.MAX_BYTES) {
            throw DynamoException.validation(ItemsApi.ITEM_TOO_LARGE);
          }
          writes.add(new Write(name, r, item, null, size));
        } else {
          ObjectNode delete = RequestFields.structure(r, "DeleteRequest", "DeleteRequest");
          Map<String, AttributeValue> key =
              AttributeJson.readAttributeMap(RequestFields.map(delete, "Key", "AttributeValue"));
          writes.add(new Write(name, r, null, key, 0));
        }
      }
    }
    // ReturnItemCollectionMetrics SIZE: nothing to report without local secondary indexes (as in ItemsApi).
    boolean charge = ConsumedCapacity.wanted(consumed);
    double[] units = new double[writes.size()];
    java.util.concurrent.atomic.AtomicReferenceArray<Map<io.shoal.proto.IndexInfo, Double>> indexUnits =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(writes.size());

    // Stage 4: tables, key schemas and duplicates for the whole batch, then the writes.
    List<Map<String, TableInfo>> resolved = new ArrayList<>(1);
    List<List<Map<String, AttributeValue>>> resolvedKeys = new ArrayList<>(1);
    return BatchRequests.tables(cluster, names).thenCompose(infos -> {
      List<Map<String, AttributeValue>> keys = checkKeys(writes, infos);
      resolved.add(infos);
      resolvedKeys.add(keys);
      List<CompletableFuture<Void>> calls = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        Write w = writes.get(i);
        TableInfo table = infos.get(w.table());
        int index = i;
        CompletableFuture<?> call;
        if (charge) {
          // The outcome form reports the item sizes before and after, which write capacity is charged on.
          CompletableFuture<Cluster.WriteOutcome> outcome = w.isPut()
              ? cluster.putItem(table, w.put(), (Cluster.Expression) null)
              : cluster.deleteItem(table, keys.get(i), (Cluster.Expression) null);
          call = outcome.thenAccept(o -> {
            units[index] = CapacityUnits.write(o.oldSize(), o.newSize());
            indexUnits.set(index, IndexWriteUnits.of(table, o.oldItem().orElse(null), w.isPut() ? w.put() : null));
          });
        } else {
          call = w.isPut() ? cluster.putItem(table, w.put(), false) : cluster.deleteItem(table, keys.get(i), false);
        }
        calls.add(call.thenApply(ignored -> null));
      }
      return BatchRequests.settle(calls);
    }).thenApply(outcomes -> {
      ObjectNode unprocessed = NODES.objectNode();
      ConsumedCapacity.PerTable capacity = new ConsumedCapacity.PerTable();
      for (int i = 0; i < writes.size(); i++) {
        capacity.touch(writes.get(i).table());
        if (!outcomes.get(i).processed()) {
          unprocessed.withArray(writes.get(i).table()).add(writes.get(i).json());
        } else {
          Map<io.shoal.proto.IndexInfo, Double> perIndex = indexUnits.get(i);
          capacity.add(writes.get(i).table(), units[i], perIndex == null ? Map.of() : perIndex);
        }
      }
      ObjectNode out = NODES.objectNode();
      out.set("UnprocessedItems", unprocessed);
      // Item collections written to, per table with LSIs (ItemCollections), when asked.
      ObjectNode collections = null;
      for (int i = 0; i < writes.size(); i++) {
        TableInfo table = resolved.get(0).get(writes.get(i).table());
        if (outcomes.get(i).processed() && ItemCollections.wanted(metrics, table)) {
          collections = collections == null ? out.putObject("ItemCollectionMetrics") : collections;
          collections.withArray(table.getName()).add(ItemCollections.metrics(table, resolvedKeys.get(0).get(i)));
        }
      }
      return capacity.addTo(out, consumed);
    });
  }

  /**
   * Each write's key in schema order. For a put, a missing or mistyped key attribute is "The provided key element
   * does not match the schema" rather than PutItem's texts (dynalite actions/batchWriteItem.js rewrites them so).
   * Two writes of one key in one table, put or delete, are refused (dynalite test/batchWriteItem.js "puts and
   * deletes of the same item").
   */
  private static List<Map<String, AttributeValue>> checkKeys(List<Write> writes, Map<String, TableInfo> infos) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    Map<String, Set<Map<String, AttributeValue>>> seen = new LinkedHashMap<>();
    for (Write w : writes) {
      TableInfo table = infos.get(w.table());
      Map<String, AttributeValue> key;
      if (w.isPut()) {
        Map<String, AttributeValue> item = w.put().getAttributesMap();
        key = new LinkedHashMap<>();
        for (KeyAttribute k : KeyRules.keyAttributes(table)) {
          AttributeValue v = item.get(k.getName());
          if (v == null || !k.getType().name().equals(AttributeJson.typeName(v))) {
            throw DynamoException.validation(KeyRules.KEY_MISMATCH);
          }
          key.put(k.getName(), v);
        }
        KeyRules.checkItem(table, item); // empty and oversized key values
      } else {
        key = KeyRules.checkKey(table, w.deleteKey());
      }
      if (!seen.computeIfAbsent(w.table(), t -> new HashSet<>()).add(key)) {
        throw DynamoException.validation(BatchRequests.DUPLICATE_KEYS);
      }
      if (w.isPut()) {
        // Items whose index key attributes have the wrong type fail the whole batch, as in PutItem.
        String m = io.shoal.core.index.IndexKeyCheck.violation(table.getIndexesList(), w.put());
        if (m != null) {
          throw DynamoException.validation(m);
        }
      }
      keys.add(key);
    }
    return keys;
  }

  /** A table's write requests after stage 1 (a JSON null list counts as empty, and fails the size rule). */
  private static List<ObjectNode> requests(ObjectNode requestItems, String name) {
    ArrayNode list = RequestFields.asList(requestItems.get(name), CoralType.PARAMETERIZED_LIST);
    List<ObjectNode> out = new ArrayList<>();
    if (list != null) {
      list.forEach(r -> out.add(RequestFields.valueStructure(r, "WriteRequest")));
    }
    return out;
  }

  /** JSON types of one WriteRequest (SerializationException). */
  private static void checkShape(ObjectNode request) {
    if (request == null) {
      return;
    }
    ObjectNode delete = RequestFields.structure(request, "DeleteRequest", "DeleteRequest");
    if (delete != null) {
      AttributeJson.checkMapShape(RequestFields.map(delete, "Key", "AttributeValue"));
    }
    ObjectNode put = RequestFields.structure(request, "PutRequest", "PutRequest");
    if (put != null) {
      AttributeJson.checkMapShape(RequestFields.map(put, "Item", "AttributeValue"));
    }
  }
}
