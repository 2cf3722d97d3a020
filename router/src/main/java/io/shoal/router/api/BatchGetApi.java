package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.expression.Expressions;
import io.shoal.core.expression.Projection;
import io.shoal.core.capacity.CapacityUnits;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.ItemJson;
import io.shoal.router.json.CoralType;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * BatchGetItem: up to 100 keys over any number of tables, read concurrently (each key goes to its own Raft group).
 * Keys whose partition cannot be reached, or whose items would push the response past 16 MB, come back in
 * UnprocessedKeys in the shape the client sent them, so the client can resend that part as is.
 *
 * <p>Validation order and texts: dynalite validations/batchGetItem.js and test/batchGetItem.js (written against
 * DynamoDB), the API reference for the limits.
 */
public final class BatchGetApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final int MAX_KEYS = 100;
  /** API reference: "A single operation can retrieve up to 16 MB of data". We read MB as MiB. */
  static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
  /** DynamoDB Local's ErrorFactory BATCH_GET_LIMIT_EXCEEDED; dynalite test/batchGetItem.js. */
  static final String TOO_MANY_KEYS = "Too many items requested for the BatchGetItem call";

  private final Cluster cluster;
  private final Expressions expressions;

  public BatchGetApi(Cluster cluster, Expressions expressions) {
    this.cluster = Objects.requireNonNull(cluster);
    this.expressions = Objects.requireNonNull(expressions);
  }

  /** One table's part of the request, validated. {@code keyJson} are the keys as sent (for UnprocessedKeys). */
  private record TableRequest(String name, ObjectNode spec, List<JsonNode> keyJson,
      List<Map<String, AttributeValue>> keys, boolean consistent, Projection projection) {}

  /**
   * One key's read: the item if found (projected) and its size (for the 16 MB cut), and the size of the whole
   * stored item, which read capacity is charged on (0 when absent).
   */
  private record Read(Optional<Item> item, long size, long readSize) {}

  public CompletableFuture<ObjectNode> batchGetItem(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types of the whole request.
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    ObjectNode requestItems = RequestFields.map(body, "RequestItems", "KeysAndAttributes");
    List<String> names = BatchRequests.tableNames(requestItems);
    for (String name : names) {
      checkShape(RequestFields.valueStructure(requestItems.get(name), "KeysAndAttributes"));
    }

    // Stage 2: member constraints (order of dynalite validations/batchGetItem.js types).
    Constraints c = new Constraints()
        .oneOf("returnConsumedCapacity", consumed, ItemsApi.RETURN_CONSUMED_CAPACITY)
        .notNull("requestItems", requestItems);
    if (requestItems != null) {
      // Not verified: how DynamoDB prints the map in these messages (dynalite's tests match it with '{.+}').
      String rendered = requestItems.toString();
      c.sizeAtLeast("requestItems", requestItems.size(), rendered, 1);
      c.tableNameKeys("requestItems", names, rendered);
      for (String name : BatchRequests.reversed(names)) {
        ObjectNode spec = RequestFields.valueStructure(requestItems.get(name), "KeysAndAttributes");
        String path = "requestItems." + name + ".member.";
        ArrayNode keys = spec == null ? null : RequestFields.list(spec, "Keys");
        c.notNull(path + "keys", keys);
        if (keys != null) {
          c.sizeAtLeast(path + "keys", keys.size(), keys.toString(), 1);
          c.sizeAtMost(path + "keys", keys.size(), keys.toString(), MAX_KEYS);
        }
        ArrayNode attributesToGet = spec == null ? null : RequestFields.list(spec, "AttributesToGet");
        if (attributesToGet != null) {
          c.sizeAtLeast(path + "attributesToGet", attributesToGet.size(), attributesToGet.toString(), 1);
          c.sizeAtMost(path + "attributesToGet", attributesToGet.size(), attributesToGet.toString(), 255);
        }
      }
    }
    c.throwIfAny();

    // Stage 3: values and cross-member rules per table, before any table is looked up (dynalite custom()).
    List<TableRequest> tables = new ArrayList<>();
    int total = 0;
    for (String name : names) {
      ObjectNode spec = RequestFields.valueStructure(requestItems.get(name), "KeysAndAttributes");
      ExpressionRequests.checkParams(spec, List.of("ProjectionExpression"), List.of("AttributesToGet"));
      List<String> toGet = ItemsApi.attributesToGet(RequestFields.list(spec, "AttributesToGet"));
      Projection projection = toGet != null
          ? ItemsApi.legacyProjection(expressions, toGet) : ItemsApi.projection(expressions, spec);
      List<JsonNode> keyJson = new ArrayList<>();
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      Set<Map<String, AttributeValue>> seen = new HashSet<>();
      for (JsonNode k : RequestFields.list(spec, "Keys")) {
        Map<String, AttributeValue> key = AttributeJson.readAttributeMap(k);
        // Numbers are canonical after reading, so {"N": "1"} and {"N": "1.0"} are the same key, as in DynamoDB.
        if (!seen.add(key)) {
          throw DynamoException.validation(BatchRequests.DUPLICATE_KEYS);
        }
        if (++total > MAX_KEYS) {
          throw DynamoException.validation(TOO_MANY_KEYS);
        }
        keyJson.add(k);
        keys.add(key);
      }
      boolean consistent = Boolean.TRUE.equals(RequestFields.bool(spec, "ConsistentRead"));
      tables.add(new TableRequest(name, spec, keyJson, keys, consistent, projection));
    }

    // Stage 4: the tables and their key schemas, then the reads.
    return BatchRequests.tables(cluster, names).thenCompose(infos -> {
      List<List<Map<String, AttributeValue>>> checked = new ArrayList<>();
      for (TableRequest t : tables) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> key : t.keys()) {
          keys.add(KeyRules.checkKey(infos.get(t.name()), key));
        }
        checked.add(keys);
      }
      List<CompletableFuture<Read>> calls = new ArrayList<>();
      for (int i = 0; i < tables.size(); i++) {
        TableRequest t = tables.get(i);
        TableInfo info = infos.get(t.name());
        for (Map<String, AttributeValue> key : checked.get(i)) {
          calls.add(cluster.getItem(info, key, t.consistent()).thenApply(found -> read(found, t.projection())));
        }
      }
      return BatchRequests.settle(calls);
    }).thenApply(outcomes -> response(tables, outcomes, consumed));
  }

  private static Read read(Optional<Item> found, Projection projection) {
    Optional<Item> item = found.map(i -> projection == null ? i : projection.apply(i));
    return new Read(item, item.map(ItemSize::of).orElse(0L), found.map(ItemSize::of).orElse(0L));
  }

  /**
   * Responses lists every requested table, empty when nothing was found (dynalite test/batchGetItem.js "should
   * return empty responses if keys do not exist"); UnprocessedKeys is {} when everything was read. Items come in
   * request order (DynamoDB promises no order). Once an item would take the response past 16 MB, it and every later
   * found item go to UnprocessedKeys.
   */
  private static ObjectNode response(List<TableRequest> tables, List<BatchRequests.Outcome<Read>> outcomes,
      String consumed) {
    ConsumedCapacity.PerTable capacity = new ConsumedCapacity.PerTable();
    ObjectNode responses = NODES.objectNode();
    ObjectNode unprocessed = NODES.objectNode();
    long bytes = 0;
    boolean full = false;
    int n = 0;
    for (TableRequest t : tables) {
      ArrayNode items = responses.putArray(t.name());
      capacity.touch(t.name());
      for (JsonNode keyJson : t.keyJson()) {
        BatchRequests.Outcome<Read> o = outcomes.get(n++);
        boolean fits = false;
        if (o.processed() && o.value().item().isPresent() && !full) {
          fits = bytes + o.value().size() <= MAX_RESPONSE_BYTES;
          full = !fits;
        }
        if (o.processed() && o.value().item().isEmpty()) {
          // Read, and there is no such item: charged like a GetItem of an absent item.
          capacity.add(t.name(), CapacityUnits.read(0, t.consistent()));
          continue;
        }
        if (fits) {
          // Each item is rounded up on its own (developer guide: BatchGetItem "rounds up the size of each item").
          capacity.add(t.name(), CapacityUnits.read(o.value().readSize(), t.consistent()));
          bytes += o.value().size();
          items.add(ItemJson.node(o.value().item().get()));
        } else {
          unprocessedEntry(unprocessed, t).withArray("Keys").add(keyJson);
        }
      }
    }
    ObjectNode out = NODES.objectNode();
    out.set("Responses", responses);
    out.set("UnprocessedKeys", unprocessed);
    return capacity.addTo(out, consumed);
  }

  /**
   * A table's entry in UnprocessedKeys: its KeysAndAttributes as sent, with only the keys still to read, so the
   * client can resend it unchanged (API reference: "in the same format as RequestItems").
   */
  private static ObjectNode unprocessedEntry(ObjectNode unprocessed, TableRequest t) {
    JsonNode existing = unprocessed.get(t.name());
    if (existing != null) {
      return (ObjectNode) existing;
    }
    ObjectNode entry = unprocessed.putObject(t.name());
    entry.putArray("Keys");
    for (String member : List.of("ProjectionExpression", "ExpressionAttributeNames", "AttributesToGet",
        "ConsistentRead")) {
      if (!RequestFields.absent(t.spec(), member)) {
        entry.set(member, member.equals("ConsistentRead")
            ? NODES.booleanNode(t.consistent()) : t.spec().get(member));
      }
    }
    return entry;
  }

  /** JSON types of one table's KeysAndAttributes (SerializationException), as for GetItem. */
  private static void checkShape(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    ArrayNode keys = RequestFields.list(spec, "Keys");
    if (keys != null) {
      keys.forEach(k -> AttributeJson.checkMapShape(k, CoralType.ATTRIBUTE_MAP_ELEMENT));
    }
    ArrayNode attributesToGet = RequestFields.list(spec, "AttributesToGet");
    if (attributesToGet != null) {
      attributesToGet.forEach(RequestFields::asString);
    }
    RequestFields.bool(spec, "ConsistentRead");
    RequestFields.string(spec, "ProjectionExpression");
    ObjectNode names = RequestFields.map(spec, "ExpressionAttributeNames", "java.lang.String");
    if (names != null) {
      names.elements().forEachRemaining(RequestFields::asString);
    }
  }
}
