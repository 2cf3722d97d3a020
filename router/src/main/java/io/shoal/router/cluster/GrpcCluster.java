package io.shoal.router.cluster;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.ExpressionSpec;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.Item;
import io.shoal.proto.MetaAlterTableRequest;
import io.shoal.proto.MetaAlterTableResponse;
import io.shoal.proto.MetaCreateTableRequest;
import io.shoal.proto.MetaCreateTableResponse;
import io.shoal.proto.MetaDeleteTableRequest;
import io.shoal.proto.MetaDeleteTableResponse;
import io.shoal.proto.MetaGetTableRequest;
import io.shoal.proto.MetaGetTableResponse;
import io.shoal.proto.MetaListTablesRequest;
import io.shoal.proto.MetaListTablesResponse;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.ReadRequest;
import io.shoal.proto.ReadResponse;
import io.shoal.proto.RpcError;
import io.shoal.proto.TableInfo;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import io.shoal.router.error.DynamoException;
import io.shoal.router.loop.IoLoops;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * {@link Cluster} over the nodes' gRPC services: catalog calls go to the metadata leader, item calls to the leader
 * of the group that owns the key's hash. Stateless apart from caches that are rebuilt from the cluster.
 */
public final class GrpcCluster implements Cluster, AutoCloseable {
  private final IoLoops loops;
  private final boolean ownsLoops;
  private final Channels channels;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "shoal-router-retries");
    t.setDaemon(true);
    return t;
  });
  private final MetaClient meta;
  private final RoutingTable routing;
  private final GroupCaller groups;
  private final Map<String, TableInfo> tableCache = new ConcurrentHashMap<>();
  private final RangeReads ranges;
  /** Set once the catalog was read from the metadata group and cached (readiness); never cleared, see ready(). */
  private volatile boolean catalogLoaded;

  private final boolean testOnlyStaleReads;

  public GrpcCluster(List<String> seeds) {
    this(seeds, RoutingEvents.NONE);
  }

  public GrpcCluster(List<String> seeds, RoutingEvents events) {
    this(seeds, events, false);
  }

  /**
   * @param testOnlyStaleReads a deliberately broken build for the chaos suite only
   *     ({@code -Dshoal.testOnly.staleReads=true} on the router): a strongly consistent GetItem is sent to a random
   *     replica as an eventually consistent read, so a lagging follower answers without a Raft ReadIndex. It exists to
   *     show that the linearizability checker catches stale reads; never set it anywhere else.
   */
  public GrpcCluster(List<String> seeds, RoutingEvents events, boolean testOnlyStaleReads) {
    this(seeds, events, testOnlyStaleReads, new IoLoops(1), true);
  }

  /** A cluster client whose channels run on {@code loops}, the HTTP server's (the caller closes them). */
  public GrpcCluster(List<String> seeds, RoutingEvents events, boolean testOnlyStaleReads, IoLoops loops) {
    this(seeds, events, testOnlyStaleReads, loops, false);
  }

  private GrpcCluster(List<String> seeds, RoutingEvents events, boolean testOnlyStaleReads, IoLoops loops,
      boolean ownsLoops) {
    this.loops = loops;
    this.ownsLoops = ownsLoops;
    this.channels = new Channels(loops);
    this.testOnlyStaleReads = testOnlyStaleReads;
    this.meta = new MetaClient(seeds, channels, scheduler);
    this.routing = new RoutingTable(meta);
    this.groups = new GroupCaller(routing, channels, scheduler, events);
    this.ranges = new RangeReads(groups, t -> tableCache.remove(t.getName(), t));
    // Leaders move after failures and rebalancing; a periodic refresh keeps first attempts on target.
    scheduler.scheduleWithFixedDelay(() -> {
      routing.refresh().exceptionally(t -> null);
      if (!catalogLoaded) {
        loadCatalog();
      }
    }, 0, 1, TimeUnit.SECONDS);
  }

  /** Reads every table from the metadata group into the cache, so the first item requests need no catalog call. */
  private void loadCatalog() {
    listTables().thenAccept(tables -> {
      tables.forEach(t -> tableCache.putIfAbsent(t.getName(), t));
      catalogLoaded = true;
    }).exceptionally(t -> null);
  }

  /** True once the router has a partition map. */
  public boolean hasPartitionMap() {
    return routing.router().isDone() && !routing.router().isCompletedExceptionally();
  }

  /**
   * Readiness: the router has a partition map and has read the table catalog from the metadata group. Both are
   * latched: once ready, a router keeps serving from its cached map and tables while the metadata group is away
   * (item requests still reach the data groups), so pulling it from a load balancer then would only hurt.
   */
  @Override
  public boolean ready() {
    return catalogLoaded && hasPartitionMap();
  }

  /** Version of the partition map in use, or -1 before the first one arrived. */
  public long partitionMapVersion() {
    return routing.mapVersion();
  }

  /** Wall-clock millis when the metadata group last confirmed the partition map, 0 if it never did. */
  public long partitionMapRefreshedAtMs() {
    return routing.refreshedAtMs();
  }

  private static DynamoException toDynamo(RpcError e) {
    if (e.getCode() == ErrorCode.TABLE_NOT_FOUND) {
      return DynamoException.resourceNotFound("Requested resource not found");
    }
    if (e.getCode() == ErrorCode.ITEM_COLLECTION_LIMIT) {
      return DynamoException.itemCollectionSizeLimitExceeded(e.getMessage());
    }
    if (e.getCode() == ErrorCode.VALIDATION) {
      // Catalog rules judged at apply (deletion protection, UpdateTable, tag limit) carry DynamoDB's text.
      return DynamoException.validation(e.getMessage());
    }
    return DynamoException.internalServerError("Internal server error: " + e.getMessage());
  }

  @Override
  public CompletableFuture<TableInfo> createTable(TableInfo spec) {
    return meta.call(s -> s.createTable(MetaCreateTableRequest.newBuilder().setTable(spec).build()),
        MetaCreateTableResponse::getError).thenApply(r -> {
          if (r.hasError()) {
            if (r.getError().getCode() == ErrorCode.TABLE_EXISTS) {
              throw DynamoException.resourceInUse("Table already exists: " + spec.getName());
            }
            throw toDynamo(r.getError());
          }
          tableCache.put(r.getTable().getName(), r.getTable());
          return r.getTable();
        });
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> describeTable(String name) {
    return meta.call(s -> s.getTable(MetaGetTableRequest.newBuilder().setName(name).build()),
        MetaGetTableResponse::getError).thenApply(r -> {
          if (r.hasError()) {
            if (r.getError().getCode() == ErrorCode.TABLE_NOT_FOUND) {
              tableCache.remove(name);
              return Optional.empty();
            }
            throw toDynamo(r.getError());
          }
          tableCache.put(name, r.getTable());
          return Optional.of(r.getTable());
        });
  }

  /**
   * The table for item operations: from the cache when present. A cached table that was deleted meanwhile is
   * caught by the data groups, which refuse writes and reads for dropped tables; the entry is then evicted.
   */
  @Override
  public CompletableFuture<Optional<TableInfo>> resolveTable(String name) {
    TableInfo cached = tableCache.get(name);
    if (cached != null) {
      return CompletableFuture.completedFuture(Optional.of(cached));
    }
    return describeTable(name);
  }

  @Override
  public CompletableFuture<List<TableInfo>> listTables() {
    return meta.call(s -> s.listTables(MetaListTablesRequest.getDefaultInstance()),
        MetaListTablesResponse::getError).thenApply(r -> {
          if (r.hasError()) {
            throw toDynamo(r.getError());
          }
          return r.getTablesList().stream().sorted(Comparator.comparing(TableInfo::getName))
              .collect(Collectors.toList());
        });
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> deleteTable(String name) {
    return meta.call(s -> s.deleteTable(MetaDeleteTableRequest.newBuilder().setName(name).build()),
        MetaDeleteTableResponse::getError).thenApply(r -> {
          tableCache.remove(name);
          if (r.hasError()) {
            if (r.getError().getCode() == ErrorCode.TABLE_NOT_FOUND) {
              return Optional.empty();
            }
            throw toDynamo(r.getError());
          }
          return Optional.of(r.getTable());
        });
  }

  @Override
  public CompletableFuture<Optional<TableInfo>> alterTable(AlterTableCommand change) {
    return meta.call(s -> s.alterTable(MetaAlterTableRequest.newBuilder().setAlter(change).build()),
        MetaAlterTableResponse::getError).thenApply(r -> {
          if (r.hasError()) {
            if (r.getError().getCode() == ErrorCode.TABLE_NOT_FOUND
                && r.getError().getMessage().startsWith("Requested resource not found: Index ")) {
              // The table is there, the index is not (IndexAlterations.delete's text).
              throw DynamoException.resourceNotFound(r.getError().getMessage());
            }
            if (r.getError().getCode() == ErrorCode.TABLE_NOT_FOUND) {
              tableCache.remove(change.getName());
              return Optional.empty();
            }
            throw toDynamo(r.getError());
          }
          tableCache.put(r.getTable().getName(), r.getTable());
          return Optional.of(r.getTable());
        });
  }

  private record Key(byte[] itemKey, long hash) {}

  private static Key key(TableInfo table, Map<String, AttributeValue> attrs) {
    byte[] pk = KeyCodec.partitionKeyBytes(table.getHashKey().getType(), attrs.get(table.getHashKey().getName()));
    byte[] sk = null;
    if (!table.getRangeKey().getName().isEmpty()) {
      sk = KeyCodec.sortKeyBytes(table.getRangeKey().getType(), attrs.get(table.getRangeKey().getName()));
    }
    return new Key(KeyCodec.itemKey(pk, sk), PartitionHash.hash(table.getId(), pk));
  }

  private CompletableFuture<Optional<Item>> write(TableInfo table, Key k, WriteRequest.Builder req) {
    return writeOutcome(table, k, req).thenApply(WriteOutcome::oldItem);
  }

  /** Sends a write; conditional writes and updates are not retried after an unknown outcome. */
  private CompletableFuture<WriteOutcome> writeOutcome(TableInfo table, Key k, WriteRequest.Builder req) {
    req.setTableId(table.getId()).setKey(ByteString.copyFrom(k.itemKey()));
    // Every write to a table with indexes names them all: the group maintains LSIs in the same command and
    // refuses items whose index key attributes have the wrong type (IndexKeyCheck).
    io.shoal.proto.WriteIndexes indexes = IndexTargets.writeIndexes(table);
    if (indexes != null) {
      req.setIndexes(indexes);
    }
    // No write is retried after an unknown outcome, not even a plain put: if the first attempt did apply and
    // another client wrote the item in between, a second application makes the value go back (a register history
    // that LeaderStormIT's checker rejected). The client gets InternalServerError and decides, as with DynamoDB.
    return groups.call(k.hash(), (g, stub) -> stub.write(req.setGroupId(g.getId()).setGroupEpoch(g.getEpoch())
        .build()), WriteResponse::getError, false).thenApply(r -> {
          if (r.hasError()) {
            evictIfDropped(table, r.getError());
            if (r.getError().getCode() == ErrorCode.CONDITION_FAILED) {
              throw DynamoException.conditionalCheckFailed(r.getHadOld() ? r.getOldItem() : null);
            }
            if (r.getError().getCode() == ErrorCode.VALIDATION) {
              throw DynamoException.validation(r.getError().getMessage());
            }
            throw toDynamo(r.getError());
          }
          return new WriteOutcome(r.getHadOld() ? Optional.of(r.getOldItem()) : Optional.empty(),
              r.getHadNew() ? Optional.of(r.getNewItem()) : Optional.empty(), r.getOldSize(), r.getNewSize());
        });
  }

  private static ExpressionSpec spec(Expression e) {
    ExpressionSpec.Builder b = ExpressionSpec.newBuilder().setText(e.text());
    if (e.names() != null) {
      b.putAllNames(e.names());
    }
    if (e.values() != null) {
      b.putAllValues(e.values());
    }
    return b.build();
  }

  @Override
  public CompletableFuture<WriteOutcome> putItem(TableInfo table, Item item, Expression condition) {
    WriteRequest.Builder req = WriteRequest.newBuilder().setPut(item).setReturnOld(true);
    if (condition != null) {
      req.setCondition(spec(condition));
    }
    return writeOutcome(table, key(table, item.getAttributesMap()), req);
  }

  @Override
  public CompletableFuture<WriteOutcome> deleteItem(TableInfo table, Map<String, AttributeValue> keyAttrs,
      Expression condition) {
    WriteRequest.Builder req = WriteRequest.newBuilder().setDelete(true).setReturnOld(true);
    if (condition != null) {
      req.setCondition(spec(condition));
    }
    return writeOutcome(table, key(table, keyAttrs), req);
  }

  @Override
  public CompletableFuture<WriteOutcome> updateItem(TableInfo table, Map<String, AttributeValue> keyAttrs,
      Expression update, Expression condition) {
    WriteRequest.Builder req = WriteRequest.newBuilder()
        .setUpdateKey(Item.newBuilder().putAllAttributes(keyAttrs)).setReturnOld(true).setReturnNew(true);
    if (update != null) {
      req.setUpdate(spec(update));
    }
    if (condition != null) {
      req.setCondition(spec(condition));
    }
    return writeOutcome(table, key(table, keyAttrs), req);
  }

  private void evictIfDropped(TableInfo table, RpcError e) {
    if (e.getCode() == ErrorCode.TABLE_NOT_FOUND) {
      tableCache.remove(table.getName(), table);
    }
  }

  @Override
  public CompletableFuture<Optional<Item>> putItem(TableInfo table, Item item, boolean returnOld) {
    return write(table, key(table, item.getAttributesMap()),
        WriteRequest.newBuilder().setPut(item).setReturnOld(returnOld));
  }

  @Override
  public CompletableFuture<Optional<Item>> deleteItem(TableInfo table, Map<String, AttributeValue> keyAttrs,
      boolean returnOld) {
    return write(table, key(table, keyAttrs), WriteRequest.newBuilder().setDelete(true).setReturnOld(returnOld));
  }

  @Override
  public CompletableFuture<Optional<Item>> getItem(TableInfo table, Map<String, AttributeValue> keyAttrs,
      boolean consistentRead) {
    Key k = key(table, keyAttrs);
    boolean stale = consistentRead && testOnlyStaleReads;
    ReadRequest.Builder req = ReadRequest.newBuilder().setTableId(table.getId())
        .setKey(ByteString.copyFrom(k.itemKey())).setConsistent(consistentRead && !stale);
    BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<ReadResponse>> read =
        (g, stub) -> stub.read(req.setGroupId(g.getId()).setGroupEpoch(g.getEpoch()).build());
    return (stale ? groups.callAnyReplica(k.hash(), read, ReadResponse::getError)
        : groups.call(k.hash(), read, ReadResponse::getError)).thenApply(r -> {
          if (r.hasError()) {
            evictIfDropped(table, r.getError());
            throw toDynamo(r.getError());
          }
          return r.getFound() ? Optional.of(r.getVersion().getItem()) : Optional.empty();
        });
  }

  @Override
  public CompletableFuture<Page> query(TableInfo table, AttributeValue partitionKey, SortKeyRange range,
      boolean forward, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return ranges.query(table, partitionKey, range, forward, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public CompletableFuture<Page> scan(TableInfo table, int segment, int totalSegments,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return ranges.scan(table, segment, totalSegments, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public CompletableFuture<Page> queryIndex(TableInfo table, io.shoal.proto.IndexInfo index,
      AttributeValue partitionKey, io.shoal.core.index.IndexKeys.Bounds bounds, boolean forward,
      Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return ranges.queryIndex(table, index, partitionKey, bounds, forward, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public CompletableFuture<Page> scanIndex(TableInfo table, io.shoal.proto.IndexInfo index, int segment,
      int totalSegments, Map<String, AttributeValue> exclusiveStartKey, int limit, boolean consistentRead) {
    return ranges.scanIndex(table, index, segment, totalSegments, exclusiveStartKey, limit, consistentRead);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    channels.close();
    if (ownsLoops) {
      loops.close();
    }
  }
}
