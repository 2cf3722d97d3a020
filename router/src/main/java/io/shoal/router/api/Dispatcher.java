package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.expression.Expressions;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Maps a DynamoDB operation name (the part of {@code X-Amz-Target} after {@code DynamoDB_20120810.}) to
 * its handler. The one place that lists the operations Shoal serves.
 */
public final class Dispatcher {
  /** The target prefix of DynamoDB's current API version. */
  public static final String TARGET_PREFIX = "DynamoDB_20120810";

  /** A handler: validates the body, calls the cluster, returns the response body. */
  @FunctionalInterface
  public interface Handler {
    CompletableFuture<ObjectNode> handle(RequestContext ctx, ObjectNode body);
  }

  /**
   * Operations of the DynamoDB API (API reference, "Actions") that Shoal does not serve yet: they get
   * UnknownOperationException like an unknown name, but with a message saying why.
   */
  private static final Set<String> NOT_YET = Set.of(
      "BatchExecuteStatement", "CreateBackup", "CreateGlobalTable",
      "DeleteBackup", "DeleteResourcePolicy", "DescribeBackup", "DescribeContinuousBackups",
      "DescribeContributorInsights", "DescribeExport", "DescribeGlobalTable",
      "DescribeGlobalTableSettings", "DescribeImport", "DescribeKinesisStreamingDestination",
      "DescribeTableReplicaAutoScaling", "DescribeTimeToLive",
      "DisableKinesisStreamingDestination", "EnableKinesisStreamingDestination", "ExecuteStatement",
      "ExecuteTransaction", "ExportTableToPointInTime", "GetResourcePolicy", "ImportTable", "ListBackups",
      "ListContributorInsights", "ListExports", "ListGlobalTables", "ListImports", "PutResourcePolicy",
      "RestoreTableFromBackup", "RestoreTableToPointInTime", "TransactGetItems", "TransactWriteItems",
      "UpdateContinuousBackups",
      "UpdateContributorInsights", "UpdateGlobalTable", "UpdateGlobalTableSettings",
      "UpdateKinesisStreamingDestination", "UpdateTableReplicaAutoScaling",
      "UpdateTimeToLive");

  private final Map<String, Handler> handlers;
  private final ApiSettings settings;

  public Dispatcher(ApiSettings settings, TablesApi tables, UpdateTableApi tableUpdates, TagsApi tags,
      AccountApi account, ItemsApi items, UpdateItemApi updates, QueryScanApi reads, BatchGetApi batchGets,
      BatchWriteApi batchWrites) {
    this.settings = Objects.requireNonNull(settings);
    Objects.requireNonNull(tables);
    Objects.requireNonNull(tableUpdates);
    Objects.requireNonNull(tags);
    Objects.requireNonNull(account);
    Objects.requireNonNull(items);
    Objects.requireNonNull(updates);
    Objects.requireNonNull(reads);
    Objects.requireNonNull(batchGets);
    Objects.requireNonNull(batchWrites);
    this.handlers = Map.ofEntries(
        Map.entry("CreateTable", tables::createTable),
        Map.entry("DescribeTable", tables::describeTable),
        Map.entry("ListTables", tables::listTables),
        Map.entry("DeleteTable", tables::deleteTable),
        Map.entry("UpdateTable", tableUpdates::updateTable),
        Map.entry("TagResource", tags::tagResource),
        Map.entry("UntagResource", tags::untagResource),
        Map.entry("ListTagsOfResource", tags::listTagsOfResource),
        Map.entry("DescribeLimits", account::describeLimits),
        Map.entry("DescribeEndpoints", account::describeEndpoints),
        Map.entry("PutItem", items::putItem),
        Map.entry("GetItem", items::getItem),
        Map.entry("DeleteItem", items::deleteItem),
        Map.entry("UpdateItem", updates::updateItem),
        Map.entry("Query", reads::query),
        Map.entry("Scan", reads::scan),
        Map.entry("BatchGetItem", batchGets::batchGetItem),
        Map.entry("BatchWriteItem", batchWrites::batchWriteItem));
  }

  /** The usual wiring with default settings (us-east-1, account 000000000000). */
  public static Dispatcher forCluster(Cluster cluster) {
    return forCluster(cluster, ApiSettings.defaults());
  }

  /** The usual wiring: every handler group over one cluster. */
  public static Dispatcher forCluster(Cluster cluster, ApiSettings settings) {
    Expressions expressions = new Expressions(); // one parse cache per process
    return new Dispatcher(settings, new TablesApi(cluster, settings), new UpdateTableApi(cluster, settings),
        new TagsApi(cluster, settings), new AccountApi(settings), new ItemsApi(cluster, expressions),
        new UpdateItemApi(cluster, expressions), new QueryScanApi(cluster, expressions),
        new BatchGetApi(cluster, expressions), new BatchWriteApi(cluster));
  }

  /**
   * The context of one request: the SigV4 credential scope's region when the request is signed, else the
   * configured one.
   */
  public RequestContext context(String signedRegion, String host) {
    return new RequestContext(signedRegion == null || signedRegion.isEmpty() ? settings.region() : signedRegion,
        host);
  }

  /**
   * Finds the handler for an {@code X-Amz-Target} header value; throws UnknownOperationException for a
   * missing, malformed or unknown target (dynalite index.js: DynamoDB sends the type with no message).
   */
  public Handler resolve(String target) {
    if (target == null) {
      throw DynamoException.unknownOperation(null);
    }
    int dot = target.indexOf('.');
    if (dot < 0 || target.indexOf('.', dot + 1) >= 0 || !TARGET_PREFIX.equals(target.substring(0, dot))) {
      throw DynamoException.unknownOperation(null);
    }
    String op = target.substring(dot + 1);
    Handler h = handlers.get(op);
    if (h != null) {
      return h;
    }
    if (NOT_YET.contains(op)) {
      throw DynamoException.unknownOperation(op + " is not supported yet by Shoal");
    }
    throw DynamoException.unknownOperation(null);
  }

  /**
   * The operation named by an {@code X-Amz-Target} value when it is one DynamoDB defines (served or not yet),
   * else {@code "unknown"}: a metrics label, so a client sending made-up targets cannot grow the label set.
   */
  public String operationName(String target) {
    if (target == null || !target.startsWith(TARGET_PREFIX + ".")) {
      return "unknown";
    }
    String op = target.substring(TARGET_PREFIX.length() + 1);
    return handlers.containsKey(op) || NOT_YET.contains(op) ? op : "unknown";
  }

  /**
   * Runs a handler and turns anything it throws synchronously into a failed future, so callers have one
   * error path.
   */
  public static CompletableFuture<ObjectNode> invoke(Handler h, RequestContext ctx, ObjectNode body) {
    try {
      CompletableFuture<ObjectNode> f = h.handle(ctx, body);
      return f != null ? f : CompletableFuture.failedFuture(new NullPointerException("handler returned null"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
