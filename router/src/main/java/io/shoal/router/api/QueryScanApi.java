package io.shoal.router.api;

import static io.shoal.router.api.ReadPages.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionKind;
import io.shoal.core.expression.Expressions;
import io.shoal.core.expression.KeyCondition;
import io.shoal.core.expression.Projection;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.TableInfo;
import io.shoal.router.api.LegacyConditions.Condition;
import io.shoal.router.api.ReadPages.ReadExpressions;
import io.shoal.router.cluster.Cluster.SortKeyRange;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.RequestFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Query and Scan: reads of many items, one page at a time.
 *
 * <p>Validation runs in DynamoDB's order, as dynalite reproduces it: JSON types (SerializationException), member
 * constraints ("N validation errors detected", member order of dynalite validations/query.js and scan.js), the
 * cross-member rules of those files' {@code custom()} functions, then the table and its key schema (dynalite
 * actions/query.js and actions/scan.js). Texts are those files' and their tests' (test/query.js, test/scan.js),
 * which were written against DynamoDB; the few that are not are marked.
 *
 * <p>KeyConditionExpression selects the key range the cluster reads; FilterExpression and ProjectionExpression are
 * applied here to each page the cluster returns (Count counts the items that pass the filter, ScannedCount the
 * items read, and LastEvaluatedKey is the cluster's, as in DynamoDB). All expressions of a request share one
 * {@link ExpressionAttributes}, so a name or value used by any of them counts as used. The legacy QueryFilter,
 * ScanFilter (with ConditionalOperator) and AttributesToGet are translated into the equivalent FilterExpression and
 * ProjectionExpression ({@link LegacyExpressions}) and applied the same way.
 */
public final class QueryScanApi {
  private static final String INVALID = "One or more parameter values were invalid: ";

  static final List<String> SELECT = List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES",
      "ALL_PROJECTED_ATTRIBUTES");
  /** API reference, Scan: TotalSegments 1..1000000, Segment 0..999999. */
  static final long MAX_TOTAL_SEGMENTS = 1_000_000;
  static final long MAX_SEGMENT = 999_999;

  // dynalite validations/scan.js custom().
  static final String SEGMENT_WITHOUT_TOTAL = "The TotalSegments parameter is required but was not present in the"
      + " request when Segment parameter is present";
  static final String TOTAL_WITHOUT_SEGMENT = "The Segment parameter is required but was not present in the"
      + " request when parameter TotalSegments is present";
  // dynalite validations/query.js custom().
  static final String NO_KEY_CONDITIONS =
      "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.";
  static final String CONDITIONS_LENGTH = "Conditions can be of length 1 or 2 only";
  // dynalite actions/query.js; the first two also in ScyllaDB Alternator's and moto's tests.
  static final String MISSED_KEY_ELEMENT = "Query condition missed key schema element: ";
  static final String NOT_INDEXABLE = "Attempted conditional constraint is not an indexable operation";
  static final String KEY_CONDITION_NOT_SUPPORTED = "Query key condition not supported";
  static final String PARAMETER_TYPE = INVALID + "Condition parameter type does not match schema type";
  static final String START_KEY_INVALID = "The provided starting key is invalid";
  static final String START_KEY_OUTSIDE =
      "The provided starting key is outside query boundaries based on provided conditions";
  // Select rules: texts quoted by several reimplementations' tests against DynamoDB (e.g. an SDK-v3 test suite
  // and an old Ruby client's recorded AWS error); dynalite has no test for them.
  static final String ALL_PROJECTED_NEEDS_INDEX =
      "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName";
  static final String SPECIFIC_NEEDS_PROJECTION =
      "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES";

  /** Legacy operators that cannot select a key range (dynalite actions/query.js). */
  private static final Set<String> NOT_INDEXABLE_OPERATORS =
      Set.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN");

  private final Cluster cluster;

  private final Expressions expressions;

  public QueryScanApi(Cluster cluster) {
    this(cluster, new Expressions());
  }

  public QueryScanApi(Cluster cluster, Expressions expressions) {
    this.cluster = Objects.requireNonNull(cluster);
    this.expressions = Objects.requireNonNull(expressions);
  }

  /**
   * The legacy filter and AttributesToGet, translated; a request with them has no expression parameters other
   * than KeyConditions' (checkParams), so they replace, never join, the expression forms.
   */
  private ReadExpressions legacyReadExpressions(Map<String, Condition> filter, String conditionalOperator,
      List<String> attributesToGet) {
    LegacyExpressions.Translated f = LegacyExpressions.condition(filter, conditionalOperator);
    io.shoal.core.expression.Condition condition = f == null ? null
        : ExpressionRequests.parse(() -> expressions.condition(ExpressionKind.FILTER, f.text(), f.attributes()));
    Projection projection = attributesToGet == null ? null
        : ItemsApi.legacyProjection(expressions, attributesToGet);
    return new ReadExpressions(condition, projection);
  }

  /** Resolves FilterExpression and ProjectionExpression against the request's shared attributes. */
  private ReadExpressions readExpressions(ObjectNode body, ExpressionAttributes attrs) {
    String filterText = RequestFields.string(body, "FilterExpression");
    String projectionText = RequestFields.string(body, "ProjectionExpression");
    io.shoal.core.expression.Condition filter = filterText == null ? null
        : ExpressionRequests.parse(() -> expressions.condition(ExpressionKind.FILTER, filterText, attrs));
    Projection projection = projectionText == null ? null
        : ExpressionRequests.parse(() -> expressions.projection(projectionText, attrs));
    return new ReadExpressions(filter, projection);
  }

  // ---------------------------------------------------------------------------------------------
  // Scan
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> scan(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types, in the member order of dynalite validations/scan.js.
    Long limit = RequestFields.integer(body, "Limit");
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    ArrayNode attributesToGet = stringList(body, "AttributesToGet");
    Long segment = RequestFields.integer(body, "Segment");
    String select = RequestFields.string(body, "Select");
    ObjectNode scanFilter = RequestFields.map(body, "ScanFilter", "Condition");
    LegacyConditions.checkShape(scanFilter);
    String conditionalOperator = RequestFields.string(body, "ConditionalOperator");
    Long totalSegments = RequestFields.integer(body, "TotalSegments");
    String tableName = RequestFields.string(body, "TableName");
    ObjectNode startKeyJson = RequestFields.map(body, "ExclusiveStartKey", "AttributeValue");
    AttributeJson.checkMapShape(startKeyJson);
    String indexName = RequestFields.string(body, "IndexName");
    checkExpressionShapes(body, "FilterExpression", "ProjectionExpression");
    Boolean consistentRead = RequestFields.bool(body, "ConsistentRead");

    // Stage 2: member constraints.
    Constraints c = new Constraints()
        .atLeast("limit", limit, 1)
        .oneOf("returnConsumedCapacity", consumed, ItemsApi.RETURN_CONSUMED_CAPACITY);
    attributesToGetSize(c, attributesToGet);
    c.atLeast("segment", segment, 0).atMost("segment", segment, MAX_SEGMENT)
        .oneOf("select", select, SELECT);
    LegacyConditions.constraints(c, "scanFilter", scanFilter);
    c.oneOf("conditionalOperator", conditionalOperator, ItemsApi.CONDITIONAL_OPERATOR)
        .atLeast("totalSegments", totalSegments, 1).atMost("totalSegments", totalSegments, MAX_TOTAL_SEGMENTS)
        .name("tableName", tableName, true)
        .name("indexName", indexName, false)
        .throwIfAny();

    // Stage 3: cross-member rules (dynalite validations/scan.js custom(), in its order).
    expressionParams(body, List.of("ProjectionExpression", "FilterExpression"),
        List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
    LegacyConditions.checkConditionalOperator(conditionalOperator, scanFilter);
    List<String> toGet = ItemsApi.attributesToGet(attributesToGet);
    Map<String, Condition> legacyFilter = LegacyConditions.read(scanFilter);
    Map<String, AttributeValue> startKey = readStartKey(startKeyJson);
    // dynalite tests "data.Segment" for truth: Segment 0 alone is accepted and scans everything.
    if (segment != null && segment != 0 && totalSegments == null) {
      throw DynamoException.validation(SEGMENT_WITHOUT_TOTAL);
    }
    if (totalSegments != null) {
      if (segment == null) {
        throw DynamoException.validation(TOTAL_WITHOUT_SEGMENT);
      }
      if (segment >= totalSegments) {
        throw DynamoException.validation("The Segment parameter is zero-based and must be less than parameter"
            + " TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
      }
    }
    checkSelect(select, indexName, body, false);
    ExpressionAttributes scanAttrs =
        ExpressionRequests.attributes(ExpressionRequests.names(body), ExpressionRequests.values(body));
    ReadExpressions scanExpressions = scanFilter != null || toGet != null
        ? legacyReadExpressions(legacyFilter, conditionalOperator, toGet) : readExpressions(body, scanAttrs);
    ExpressionRequests.checkAllUsed(scanAttrs);

    int seg = totalSegments == null ? 0 : segment.intValue();
    int total = totalSegments == null ? 1 : totalSegments.intValue();
    boolean consistent = Boolean.TRUE.equals(consistentRead);
    boolean count = "COUNT".equals(select);

    // Stage 4: the table (dynalite actions/scan.js).
    return table(tableName).thenCompose(table -> {
      if (indexName != null) {
        return IndexReads.resolve(cluster, table, indexName).thenCompose(t -> {
          Map<String, AttributeValue> start = IndexReads.check(t, consistent, select,
              startKeyJson == null ? null : startKey);
          boolean fetch = IndexReads.fetchesBase(t, select, scanExpressions.projection());
          return cluster.scanIndex(t.table(), t.index(), seg, total, start, pageLimit(limit), consistent)
              .thenCompose(page -> IndexReads.complete(cluster, t, page, fetch, consistent))
              .thenApply(r -> ConsumedCapacity.addTo(response(r.page(), count, scanExpressions), consumed, tableName,
                  t.index(), r.indexUnits(), r.tableUnits()));
        });
      }
      Map<String, AttributeValue> start = null;
      if (startKeyJson != null) {
        if (startKey.size() != KeyRules.keyAttributes(table).size()) {
          throw DynamoException.validation(START_KEY_INVALID + ": " + KeyRules.KEY_MISMATCH);
        }
        start = checkStartKey(table, startKey);
      }
      return cluster.scan(table, seg, total, start, pageLimit(limit), consistent)
          .thenApply(page -> withCapacity(response(page, count, scanExpressions), page, consumed, tableName,
              consistent));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Query
  // ---------------------------------------------------------------------------------------------

  public CompletableFuture<ObjectNode> query(RequestContext ctx, ObjectNode body) {
    // Stage 1: JSON types, in the member order of dynalite validations/query.js.
    Long limit = RequestFields.integer(body, "Limit");
    ObjectNode startKeyJson = RequestFields.map(body, "ExclusiveStartKey", "AttributeValue");
    AttributeJson.checkMapShape(startKeyJson);
    String consumed = RequestFields.string(body, "ReturnConsumedCapacity");
    ArrayNode attributesToGet = stringList(body, "AttributesToGet");
    ObjectNode queryFilter = RequestFields.map(body, "QueryFilter", "Condition");
    LegacyConditions.checkShape(queryFilter);
    String select = RequestFields.string(body, "Select");
    String conditionalOperator = RequestFields.string(body, "ConditionalOperator");
    ObjectNode keyConditions = RequestFields.map(body, "KeyConditions", "Condition");
    LegacyConditions.checkShape(keyConditions);
    String tableName = RequestFields.string(body, "TableName");
    Boolean consistentRead = RequestFields.bool(body, "ConsistentRead");
    String indexName = RequestFields.string(body, "IndexName");
    Boolean scanIndexForward = RequestFields.bool(body, "ScanIndexForward");
    String keyConditionExpression = RequestFields.string(body, "KeyConditionExpression");
    checkExpressionShapes(body, "FilterExpression", "ProjectionExpression");

    // Stage 2: member constraints.
    Constraints c = new Constraints()
        .atLeast("limit", limit, 1)
        .oneOf("returnConsumedCapacity", consumed, ItemsApi.RETURN_CONSUMED_CAPACITY);
    attributesToGetSize(c, attributesToGet);
    LegacyConditions.constraints(c, "queryFilter", queryFilter);
    c.oneOf("select", select, SELECT)
        .oneOf("conditionalOperator", conditionalOperator, ItemsApi.CONDITIONAL_OPERATOR);
    LegacyConditions.constraints(c, "keyConditions", keyConditions);
    c.name("tableName", tableName, true)
        .name("indexName", indexName, false)
        .throwIfAny();

    // Stage 3: cross-member rules (dynalite validations/query.js custom(), in its order).
    expressionParams(body, List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
        List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"));
    LegacyConditions.checkConditionalOperator(conditionalOperator, queryFilter);
    Map<String, Condition> legacyFilter = LegacyConditions.read(queryFilter);
    List<String> toGet = ItemsApi.attributesToGet(attributesToGet);
    Map<String, AttributeValue> startKey = readStartKey(startKeyJson);
    if (keyConditions == null && keyConditionExpression == null) {
      throw DynamoException.validation(NO_KEY_CONDITIONS);
    }
    ExpressionAttributes attrs =
        ExpressionRequests.attributes(ExpressionRequests.names(body), ExpressionRequests.values(body));
    Map<String, Condition> conditions = keyConditionExpression != null
        ? keyConditionFromExpression(keyConditionExpression, attrs)
        : LegacyConditions.read(keyConditions);
    if (conditions.size() != 1 && conditions.size() != 2) {
      throw DynamoException.validation(CONDITIONS_LENGTH);
    }
    checkSelect(select, indexName, body, true);
    ReadExpressions queryExpressions = queryFilter != null || toGet != null
        ? legacyReadExpressions(legacyFilter, conditionalOperator, toGet) : readExpressions(body, attrs);
    ExpressionRequests.checkAllUsed(attrs);

    boolean forward = !Boolean.FALSE.equals(scanIndexForward);
    boolean consistent = Boolean.TRUE.equals(consistentRead);
    boolean count = "COUNT".equals(select);

    // Stage 4: the table and its key schema (dynalite actions/query.js).
    return table(tableName).thenCompose(table -> {
      if (indexName != null) {
        return IndexReads.resolve(cluster, table, indexName).thenCompose(t -> {
          Map<String, AttributeValue> start = IndexReads.check(t, consistent, select,
              startKeyJson == null ? null : startKey);
          List<KeyAttribute> schema = IndexReads.keySchema(t.index());
          AttributeValue partitionKey = checkConditions(schema, conditions, null);
          if (start != null && !start.get(schema.get(0).getName()).equals(partitionKey)) {
            throw DynamoException.validation(START_KEY_OUTSIDE);
          }
          checkQueryFilterKeys(schema, legacyFilter);
          Condition sortKey = schema.size() == 2 ? conditions.get(schema.get(1).getName()) : null;
          boolean fetch = IndexReads.fetchesBase(t, select, queryExpressions.projection());
          return cluster.queryIndex(t.table(), t.index(), partitionKey, IndexReads.bounds(t.index(), sortKey),
                  forward, start, pageLimit(limit), consistent)
              .thenCompose(page -> IndexReads.complete(cluster, t, page, fetch, consistent))
              .thenApply(r -> ConsumedCapacity.addTo(response(r.page(), count, queryExpressions), consumed,
                  tableName, t.index(), r.indexUnits(), r.tableUnits()));
        });
      }
      KeyQuery q = keyQuery(table, conditions, startKeyJson == null ? null : startKey);
      checkQueryFilterKeys(KeyRules.keyAttributes(table), legacyFilter);
      return cluster.query(table, q.partitionKey(), q.range(), forward, q.startKey(), pageLimit(limit), consistent)
          .thenApply(page -> withCapacity(response(page, count, queryExpressions), page, consumed, tableName,
              consistent));
    });
  }

  /**
   * Translates a KeyConditionExpression into the legacy condition form that {@link #keyQuery} checks against the
   * key schema: one EQ on the partition key and at most one condition on the sort key, values substituted. The
   * caller checks that every name and value was used once all of the request's expressions are resolved.
   */
  Map<String, Condition> keyConditionFromExpression(String expression, ExpressionAttributes attributes) {
    KeyCondition parsed = ExpressionRequests.parse(() -> expressions.keyCondition(expression, attributes));
    Map<String, Condition> out = new LinkedHashMap<>();
    for (KeyCondition.Term t : parsed.terms()) {
      if (out.put(t.attribute(), new Condition(t.op().name(), t.values())) != null) {
        throw DynamoException.validation(CONDITIONS_LENGTH);
      }
    }
    return out;
  }

  /** A validated Query: the partition key value, the sort-key range and the start key in schema order. */
  private record KeyQuery(AttributeValue partitionKey, SortKeyRange range, Map<String, AttributeValue> startKey) {}

  /** Checks conditions and start key against the table's keys, in the order of dynalite actions/query.js. */
  private static KeyQuery keyQuery(TableInfo table, Map<String, Condition> conditions,
      Map<String, AttributeValue> startKey) {
    List<KeyAttribute> schema = KeyRules.keyAttributes(table);
    AttributeValue partitionKey = checkConditions(schema, conditions, startKey);
    KeyAttribute hashKey = schema.get(0);
    Map<String, AttributeValue> start = null;
    if (startKey != null) {
      start = checkStartKey(table, startKey);
      if (!start.get(hashKey.getName()).equals(partitionKey)) {
        // dynalite sends this when the query has one condition; with two it sends "The query can return at most
        // one row and cannot be restarted", which we have not confirmed and do not copy.
        throw DynamoException.validation(START_KEY_OUTSIDE);
      }
    }
    SortKeyRange range = SortKeyRange.all();
    if (schema.size() == 2) {
      Condition sk = conditions.get(schema.get(1).getName());
      if (sk != null) {
        range = toRange(sk);
      }
    }
    return new KeyQuery(partitionKey, range, start);
  }

  /**
   * Checks the key conditions (and a table start key's shape, when given) against a key schema, the table's or an
   * index's, in the order of dynalite actions/query.js; returns the partition key value.
   */
  private static AttributeValue checkConditions(List<KeyAttribute> schema, Map<String, Condition> conditions,
      Map<String, AttributeValue> startKey) {
    if (startKey != null && startKey.size() != schema.size()) {
      throw DynamoException.validation(START_KEY_INVALID);
    }
    boolean hash = true;
    for (KeyAttribute key : schema) {
      String name = key.getName();
      String type = key.getType().name();
      if (startKey != null) {
        AttributeValue v = startKey.get(name);
        if (v == null) {
          throw DynamoException.validation(START_KEY_INVALID);
        }
        if (!type.equals(AttributeJson.typeName(v))) {
          throw DynamoException.validation(KeyRules.KEY_MISMATCH);
        }
      }
      if (hash && schema.size() == 1 && conditions.size() > 1) {
        throw DynamoException.validation(KEY_CONDITION_NOT_SUPPORTED);
      }
      Condition cond = conditions.get(name);
      if (cond == null) {
        if (hash || conditions.size() > 1) {
          throw DynamoException.validation(MISSED_KEY_ELEMENT + name);
        }
        hash = false;
        continue;
      }
      if (NOT_INDEXABLE_OPERATORS.contains(cond.operator())) {
        throw DynamoException.validation(NOT_INDEXABLE);
      }
      for (AttributeValue v : cond.values()) {
        if (!type.equals(AttributeJson.typeName(v))) {
          throw DynamoException.validation(PARAMETER_TYPE);
        }
      }
      if (hash && !cond.operator().equals("EQ")) {
        throw DynamoException.validation(KEY_CONDITION_NOT_SUPPORTED);
      }
      hash = false;
    }

    KeyAttribute hashKey = schema.get(0);
    AttributeValue partitionKey = conditions.get(hashKey.getName()).values().get(0);
    // An empty partition key value gets PutItem's text (moto raises KeyIsEmptyStringException for Query too).
    KeyRules.checkValue(hashKey.getName(), partitionKey, true);
    return partitionKey;
  }

  /**
   * A QueryFilter may not name a key attribute: the key conditions select those (dynalite actions/query.js, after
   * the key conditions are matched, partition key first; text in its test/query.js).
   */
  private static void checkQueryFilterKeys(List<KeyAttribute> keys, Map<String, Condition> queryFilter) {
    for (KeyAttribute key : keys) {
      if (queryFilter.containsKey(key.getName())) {
        throw DynamoException.validation(
            "QueryFilter can only contain non-primary key attributes: Primary key attribute: " + key.getName());
      }
    }
  }

  private static SortKeyRange toRange(Condition c) {
    AttributeValue v = c.values().get(0);
    return switch (c.operator()) {
      case "EQ" -> new SortKeyRange(v, true, v, true, null);
      case "LT" -> new SortKeyRange(null, false, v, false, null);
      case "LE" -> new SortKeyRange(null, false, v, true, null);
      case "GT" -> new SortKeyRange(v, false, null, false, null);
      case "GE" -> new SortKeyRange(v, true, null, false, null);
      case "BETWEEN" -> new SortKeyRange(v, true, c.values().get(1), true, null);
      case "BEGINS_WITH" -> new SortKeyRange(null, false, null, false, v);
      default -> throw new IllegalStateException("not a key operator: " + c.operator());
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Shared pieces
  // ---------------------------------------------------------------------------------------------

  private CompletableFuture<TableInfo> table(String name) {
    return cluster.resolveTable(name).thenApply(t -> {
      if (t.isEmpty() || t.get().getStatus() == TableInfo.Status.DELETING) {
        throw DynamoException.resourceNotFound(ItemsApi.RESOURCE_NOT_FOUND);
      }
      return t.get();
    });
  }

}
