package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
   * Units per table for the batch operations, whose response carries a list with one entry per table of the
   * request, in request order (tables with nothing processed still appear, with what they consumed).
   */
  static final class PerTable {
    private final Map<String, Double> units = new LinkedHashMap<>();

    synchronized void add(String table, double u) {
      units.merge(table, u, Double::sum);
    }

    synchronized void touch(String table) {
      units.putIfAbsent(table, 0.0);
    }

    /** Sets {@code ConsumedCapacity} (a list) on a batch response when the request asked for it. */
    synchronized ObjectNode addTo(ObjectNode response, String mode) {
      if (wanted(mode)) {
        ArrayNode list = response.putArray("ConsumedCapacity");
        units.forEach((table, u) -> list.add(entry(mode, table, u)));
      }
      return response;
    }
  }
}
