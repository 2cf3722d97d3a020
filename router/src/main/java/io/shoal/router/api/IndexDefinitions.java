package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.KeyAttribute;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The secondary-index members of CreateTable (LocalSecondaryIndexes, GlobalSecondaryIndexes) and of UpdateTable's
 * GlobalSecondaryIndexUpdates Create, as requested: JSON types (stage 1) and member constraints (stage 2). The
 * cross-member rules are {@link IndexRules}'.
 *
 * <p>Shapes and constraints are dynalite's validations/createTable.js (written against DynamoDB) with two
 * additions DynamoDB makes: KeyType must be HASH or RANGE, and NonKeyAttributes holds at most 20 names (a live
 * DynamoDB answer with 21 is "Member must have length less than or equal to 20").
 */
final class IndexDefinitions {
  static final int MAX_NON_KEY_ATTRIBUTES_PER_INDEX = 20;

  private IndexDefinitions() {}

  /** One index as requested; members are null when absent. */
  record Requested(String name, List<ObjectNode> keySchema, boolean keySchemaPresent, ObjectNode projection,
      String projectionType, List<String> nonKeyAttributes, ObjectNode throughput, Long read, Long write,
      boolean global) {

    List<String> keyNames() {
      List<String> out = new ArrayList<>();
      for (ObjectNode k : keySchema) {
        out.add(k == null ? null : RequestFields.string(k, "AttributeName"));
      }
      return out;
    }

    String keyType(int i) {
      ObjectNode k = keySchema.get(i);
      return k == null ? null : RequestFields.string(k, "KeyType");
    }
  }

  /** Stage 1 for a list member of {@code body} (null when absent); {@code shape} names its element type. */
  static List<Requested> read(ObjectNode body, String member, String shape, boolean global) {
    ArrayNode list = RequestFields.list(body, member);
    if (list == null) {
      return null;
    }
    List<Requested> out = new ArrayList<>();
    for (JsonNode element : list) {
      out.add(element.isNull() ? null : readOne(RequestFields.valueStructure(element, shape), global));
    }
    return out;
  }

  /** Stage 1 for one index structure. */
  static Requested readOne(ObjectNode index, boolean global) {
    ArrayNode keySchemaJson = RequestFields.list(index, "KeySchema");
    List<ObjectNode> keySchema = new ArrayList<>();
    if (keySchemaJson != null) {
      for (JsonNode k : keySchemaJson) {
        ObjectNode element = k.isNull() ? null : RequestFields.valueStructure(k, "KeySchemaElement");
        if (element != null) {
          RequestFields.string(element, "AttributeName");
          RequestFields.string(element, "KeyType");
        }
        keySchema.add(element);
      }
    }
    ObjectNode projection = RequestFields.structure(index, "Projection", "Projection");
    String projectionType = null;
    List<String> nonKey = null;
    if (projection != null) {
      projectionType = RequestFields.string(projection, "ProjectionType");
      ArrayNode names = RequestFields.list(projection, "NonKeyAttributes");
      if (names != null) {
        nonKey = new ArrayList<>();
        for (JsonNode n : names) {
          nonKey.add(RequestFields.asString(n));
        }
      }
    }
    String name = RequestFields.string(index, "IndexName");
    ObjectNode throughput = null;
    Long read = null;
    Long write = null;
    if (global) {
      throughput = RequestFields.structure(index, "ProvisionedThroughput", "ProvisionedThroughput");
      if (throughput != null) {
        write = RequestFields.longValue(throughput, "WriteCapacityUnits");
        read = RequestFields.longValue(throughput, "ReadCapacityUnits");
      }
      RequestFields.structure(index, "OnDemandThroughput", "OnDemandThroughput");
      RequestFields.structure(index, "WarmThroughput", "WarmThroughput");
    }
    return new Requested(name, keySchema, keySchemaJson != null, projection, projectionType, nonKey, throughput,
        read, write, global);
  }

  /** Stage 2: member constraints of a list, in dynalite's member order (keySchema, projection, indexName, ...). */
  static void constraints(Constraints c, String path, List<Requested> indexes) {
    if (indexes == null) {
      return;
    }
    for (int i = 0; i < indexes.size(); i++) {
      constraints(c, path + "." + (i + 1) + ".member", indexes.get(i));
    }
  }

  static void constraints(Constraints c, String path, Requested index) {
    if (index == null) {
      c.notNull(path, null);
      return;
    }
    String ks = path + ".keySchema";
    c.notNull(ks, index.keySchemaPresent() ? index.keySchema() : null);
    if (index.keySchemaPresent()) {
      String rendered = renderKeySchema(index.keySchema());
      c.sizeAtLeast(ks, index.keySchema().size(), rendered, 1);
      c.sizeAtMost(ks, index.keySchema().size(), rendered, 2);
      for (int k = 0; k < index.keySchema().size(); k++) {
        String kp = ks + "." + (k + 1) + ".member.";
        ObjectNode element = index.keySchema().get(k);
        c.notNull(kp + "attributeName", element == null ? null : RequestFields.string(element, "AttributeName"));
        String keyType = index.keyType(k);
        c.notNull(kp + "keyType", keyType).oneOf(kp + "keyType", keyType, List.of("HASH", "RANGE"));
      }
    }
    String pp = path + ".projection";
    c.notNull(pp, index.projection());
    c.oneOf(pp + ".projectionType", index.projectionType(), List.of("ALL", "INCLUDE", "KEYS_ONLY"));
    if (index.nonKeyAttributes() != null) {
      String rendered = "[" + String.join(", ", index.nonKeyAttributes()) + "]";
      c.sizeAtLeast(pp + ".nonKeyAttributes", index.nonKeyAttributes().size(), rendered, 1);
      c.sizeAtMost(pp + ".nonKeyAttributes", index.nonKeyAttributes().size(), rendered,
          MAX_NON_KEY_ATTRIBUTES_PER_INDEX);
    }
    c.name(path + ".indexName", index.name(), true);
    if (index.throughput() != null) {
      String tp = path + ".provisionedThroughput.";
      c.notNull(tp + "writeCapacityUnits", index.write()).atLeast(tp + "writeCapacityUnits", index.write(), 1);
      c.notNull(tp + "readCapacityUnits", index.read()).atLeast(tp + "readCapacityUnits", index.read(), 1);
    }
  }

  /** The IndexInfo a valid request describes (keys typed from the attribute definitions, no id or status). */
  static IndexInfo toInfo(Requested r, List<KeyAttribute> definitions) {
    IndexInfo.Builder b = IndexInfo.newBuilder().setName(r.name())
        .setKind(r.global() ? IndexInfo.Kind.GLOBAL : IndexInfo.Kind.LOCAL)
        .setProjectionType(IndexInfo.ProjectionType.valueOf(r.projectionType()));
    List<String> keys = r.keyNames();
    b.setHashKey(definition(definitions, keys.get(0)));
    if (keys.size() == 2) {
      b.setRangeKey(definition(definitions, keys.get(1)));
    }
    if (r.nonKeyAttributes() != null) {
      // DescribeTable lists them sorted by name, whatever the request's order.
      r.nonKeyAttributes().stream().sorted().forEach(b::addNonKeyAttributes);
    }
    if (r.throughput() != null) {
      b.setReadCapacityUnits(r.read()).setWriteCapacityUnits(r.write());
    }
    return b.build();
  }

  private static KeyAttribute definition(List<KeyAttribute> definitions, String name) {
    for (KeyAttribute a : definitions) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    throw new IllegalStateException("index key " + name + " has no definition"); // ruled out by IndexRules
  }

  /** How a key schema is printed in a length violation (as TablesApi prints the table's). */
  static String renderKeySchema(List<ObjectNode> keySchema) {
    List<String> parts = new ArrayList<>();
    for (ObjectNode k : keySchema) {
      parts.add(k == null ? "null" : "{AttributeName: " + RequestFields.string(k, "AttributeName") + ",KeyType: "
          + RequestFields.string(k, "KeyType") + "}");
    }
    return "[" + String.join(", ", parts) + "]";
  }
}
