package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.IndexInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ConsumedCapacity} member of a response, for {@code ReturnConsumedCapacity} TOTAL or INDEXES (the
 * request's enum value is checked where the request is validated). The units come from
 * {@link io.shoal.core.capacity.CapacityUnits}.
 *
 * <p>Shape as DynamoDB returns it (dynalite db/index.js addConsumedCapacity and queryTable, written against
 * DynamoDB): TOTAL gives {@code {"TableName", "CapacityUnits"}}; INDEXES adds {@code "Table": {"CapacityUnits"}}
 * and, once tables have indexes, one entry per index touched. Shoal has no secondary indexes yet, so the table's
 * share is the whole.
 */
final class ConsumedCapacity {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ConsumedCapacity() {}

  /** Whether the response should carry consumed capacity at all (value already validated). */
  static boolean wanted(String returnConsumedCapacity) {
    return "TOTAL".equals(returnConsumedCapacity) || "INDEXES".equals(returnConsumedCapacity);
  }

  /** One table's entry. */
  static ObjectNode entry(String mode, String table, double units) {
    ObjectNode c = NODES.objectNode();
    c.put("TableName", table);
    c.put("CapacityUnits", units);
    if ("INDEXES".equals(mode)) {
      c.putObject("Table").put("CapacityUnits", units);
    }
    return c;
  }

  /** Sets {@code ConsumedCapacity} on a single-table response when the request asked for it. */
  static ObjectNode addTo(ObjectNode response, String mode, String table, double units) {
    if (wanted(mode)) {
      response.set("ConsumedCapacity", entry(mode, table, units));
    }
    return response;
  }

  /**
   * Sets {@code ConsumedCapacity} on a write's response: the table's units plus, for a table with indexes, each
   * changed index's ({@link IndexWriteUnits}); {@code before}/{@code after} are the item before and after the write
   * (null when absent).
   */
  static ObjectNode addWrite(ObjectNode response, String mode, io.shoal.proto.TableInfo table, double units,
      io.shoal.proto.Item before, io.shoal.proto.Item after) {
    if (wanted(mode)) {
      response.set("ConsumedCapacity", entry(mode, table.getName(), units, IndexWriteUnits.of(table, before, after)));
    }
    return response;
  }

  /**
   * Sets {@code ConsumedCapacity} on a read of an index: TOTAL sums index and table units; INDEXES also splits them
   * into {@code Table} (base-table fetches of an LSI read, else 0) and the index's entry under LocalSecondaryIndexes
   * or GlobalSecondaryIndexes (dynalite db/index.js queryTable, written against DynamoDB).
   */
  static ObjectNode addTo(ObjectNode response, String mode, String table, IndexInfo index, double indexUnits,
      double tableUnits) {
    if (wanted(mode)) {
      Map<IndexInfo, Double> indexes = new LinkedHashMap<>();
      indexes.put(index, indexUnits);
      response.set("ConsumedCapacity", entry(mode, table, tableUnits, indexes));
    }
    return response;
  }

  /** One table's entry with its indexes' shares (units of indexes not listed are not reported). */
  static ObjectNode entry(String mode, String table, double tableUnits, Map<IndexInfo, Double> indexUnits) {
    double total = tableUnits;
    for (double u : indexUnits.values()) {
      total += u;
    }
    ObjectNode c = NODES.objectNode();
    c.put("TableName", table);
    c.put("CapacityUnits", total);
    if ("INDEXES".equals(mode)) {
      c.putObject("Table").put("CapacityUnits", tableUnits);
      indexUnits.forEach((index, u) -> {
        String member = index.getKind() == IndexInfo.Kind.LOCAL ? "LocalSecondaryIndexes" : "GlobalSecondaryIndexes";
        ObjectNode m = c.has(member) ? (ObjectNode) c.get(member) : c.putObject(member);
        m.putObject(index.getName()).put("CapacityUnits", u);
      });
    }
    return c;
  }

  /**
   * Units per table for the batch operations, whose response carries a list with one entry per table of the
   * request, in request order (tables with nothing processed still appear, with what they consumed).
   */
  static final class PerTable {
    private final Map<String, Double> units = new LinkedHashMap<>();
    private final Map<String, Map<IndexInfo, Double>> indexUnits = new LinkedHashMap<>();

    synchronized void add(String table, double u) {
      units.merge(table, u, Double::sum);
    }

    /** The table's units and its indexes' (a write to a table with indexes). */
    synchronized void add(String table, double u, Map<IndexInfo, Double> indexes) {
      add(table, u);
      Map<IndexInfo, Double> m = indexUnits.computeIfAbsent(table, t -> new LinkedHashMap<>());
      indexes.forEach((i, x) -> m.merge(i, x, Double::sum));
    }

    synchronized void touch(String table) {
      units.putIfAbsent(table, 0.0);
    }

    /** Sets {@code ConsumedCapacity} (a list) on a batch response when the request asked for it. */
    synchronized ObjectNode addTo(ObjectNode response, String mode) {
      if (wanted(mode)) {
        ArrayNode list = response.putArray("ConsumedCapacity");
        units.forEach((table, u) -> list.add(entry(mode, table, u, indexUnits.getOrDefault(table, Map.of()))));
      }
      return response;
    }
  }
}
