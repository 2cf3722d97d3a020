package io.shoal.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.shoal.core.index.IndexKeys;
import io.shoal.core.key.KeyCodec;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.DeleteIndexChange;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.MetaAlterTableRequest;
import io.shoal.proto.MetaAlterTableResponse;
import io.shoal.proto.MetaListTablesRequest;
import io.shoal.proto.MetaListTablesResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.RangeItem;
import io.shoal.proto.RangeReadRequest;
import io.shoal.proto.RangeReadResponse;
import io.shoal.proto.Replica;
import io.shoal.proto.RpcError;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import io.shoal.router.error.DynamoException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the router sends the nodes for secondary indexes (the contract with the node side): WriteIndexes on every
 * write to a table with indexes, and range reads of index entries (index id, hash table id, partition key, sort
 * bounds over entry sort parts, entry-key start), over a real gRPC transport to a fake node.
 */
class GrpcClusterIndexTest {
  private static final KeyAttribute PK = key("pk", ScalarType.S);
  private static final KeyAttribute SK = key("sk", ScalarType.N);
  private static final IndexInfo LSI = IndexInfo.newBuilder().setName("byL").setId(11).setKind(IndexInfo.Kind.LOCAL)
      .setHashKey(PK).setRangeKey(key("l", ScalarType.S)).setProjectionType(IndexInfo.ProjectionType.KEYS_ONLY)
      .build();
  private static final IndexInfo GSI = IndexInfo.newBuilder().setName("byG").setId(12).setKind(IndexInfo.Kind.GLOBAL)
      .setHashKey(key("g", ScalarType.S)).setRangeKey(key("gs", ScalarType.N))
      .setProjectionType(IndexInfo.ProjectionType.ALL).build();
  private static final TableInfo TABLE = TableInfo.newBuilder().setName("t").setId(10).setHashKey(PK).setRangeKey(SK)
      .addIndexes(LSI).addIndexes(GSI).build();
  private static final TableInfo PLAIN = TableInfo.newBuilder().setName("p").setId(20).setHashKey(PK).build();

  private static KeyAttribute key(String name, ScalarType type) {
    return KeyAttribute.newBuilder().setName(name).setType(type).build();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  private static AttributeValue n(String v) {
    return AttributeValue.newBuilder().setN(v).build();
  }

  /** Meta and node service in one server: one group over the whole ring, led by this node. */
  private final class Fake {
    final List<WriteRequest> writes = new CopyOnWriteArrayList<>();
    final List<RangeReadRequest> reads = new CopyOnWriteArrayList<>();
    volatile RangeReadResponse nextRead = RangeReadResponse.getDefaultInstance();
    volatile int port;

    final MetaServiceGrpc.MetaServiceImplBase meta = new MetaServiceGrpc.MetaServiceImplBase() {
      @Override
      public void getClusterView(ClusterViewRequest req, StreamObserver<ClusterViewResponse> out) {
        NodeStatus n1 = NodeStatus.newBuilder().setNode(NodeInfo.newBuilder().setId("n1").setZone("a")
            .setRaftAddress("127.0.0.1:1").setGrpcAddress("127.0.0.1:" + port)).setAlive(true).build();
        GroupInfo g = GroupInfo.newBuilder().setId(1).setEpoch(1)
            .addReplicas(Replica.newBuilder().setNodeId("n1").setPreferredLeader(true)).build();
        out.onNext(ClusterViewResponse.newBuilder().setView(ClusterView.newBuilder().setMetaLeader("n1").addNodes(n1)
            .setPartitionMap(PartitionMap.newBuilder().setVersion(1).addGroups(g))).build());
        out.onCompleted();
      }

      @Override
      public void listTables(MetaListTablesRequest req, StreamObserver<MetaListTablesResponse> out) {
        out.onNext(MetaListTablesResponse.newBuilder().addTables(TABLE).addTables(PLAIN).build());
        out.onCompleted();
      }

      @Override
      public void alterTable(MetaAlterTableRequest req, StreamObserver<MetaAlterTableResponse> out) {
        out.onNext(MetaAlterTableResponse.newBuilder().setError(RpcError.newBuilder()
            .setCode(ErrorCode.TABLE_NOT_FOUND).setMessage("Requested resource not found: Index nope for table t"))
            .build());
        out.onCompleted();
      }
    };

    final NodeServiceGrpc.NodeServiceImplBase node = new NodeServiceGrpc.NodeServiceImplBase() {
      @Override
      public void write(WriteRequest req, StreamObserver<WriteResponse> out) {
        writes.add(req);
        out.onNext(WriteResponse.getDefaultInstance());
        out.onCompleted();
      }

      @Override
      public void readRange(RangeReadRequest req, StreamObserver<RangeReadResponse> out) {
        reads.add(req);
        out.onNext(nextRead);
        out.onCompleted();
      }
    };
  }

  private final Fake fake = new Fake();
  private Server server;
  private GrpcCluster cluster;

  @BeforeEach
  void start() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(fake.meta)
        .addService(fake.node).build().start();
    fake.port = server.getPort();
    cluster = new GrpcCluster(List.of("127.0.0.1:" + server.getPort()));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!cluster.ready()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("router not ready");
      }
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() {
    cluster.close();
    server.shutdownNow();
  }

  private static Item item(Map<String, AttributeValue> attrs) {
    return Item.newBuilder().putAllAttributes(attrs).build();
  }

  @Test
  void everyWriteToATableWithIndexesNamesThemAll() throws Exception {
    Item it = item(Map.of("pk", s("a"), "sk", n("1"), "g", s("G")));
    cluster.putItem(TABLE, it, false).get(5, TimeUnit.SECONDS);
    cluster.deleteItem(TABLE, Map.of("pk", s("a"), "sk", n("1")), (Cluster.Expression) null).get(5, TimeUnit.SECONDS);
    cluster.updateItem(TABLE, Map.of("pk", s("a"), "sk", n("1")), null, null).get(5, TimeUnit.SECONDS);
    cluster.putItem(PLAIN, item(Map.of("pk", s("a"))), false).get(5, TimeUnit.SECONDS);

    assertThat(fake.writes).hasSize(4);
    for (WriteRequest w : fake.writes.subList(0, 3)) {
      assertThat(w.hasIndexes()).isTrue();
      assertThat(w.getIndexes().getTableHashKey()).isEqualTo(PK);
      assertThat(w.getIndexes().getTableRangeKey()).isEqualTo(SK);
      assertThat(w.getIndexes().getIndexesList()).containsExactly(LSI, GSI);
    }
    assertThat(fake.writes.get(3).hasIndexes()).isFalse();
  }

  @Test
  void gsiQueryReadsTheIndexEntriesOfItsPartition() throws Exception {
    Item entry = item(Map.of("pk", s("a"), "sk", n("1"), "g", s("G"), "gs", n("5")));
    fake.nextRead = RangeReadResponse.newBuilder().addItems(RangeItem.newBuilder().setItem(entry)).setTruncated(true)
        .build();
    IndexKeys.Bounds bounds = IndexKeys.sortBounds(IndexKeys.Op.GE, KeyCodec.sortKeyBytes(ScalarType.N, n("3")), null);
    Map<String, AttributeValue> start = Map.of("pk", s("z"), "sk", n("9"), "g", s("G"), "gs", n("3"));

    Cluster.Page page = cluster.queryIndex(TABLE, GSI, s("G"), bounds, false, start, 1, false)
        .get(5, TimeUnit.SECONDS);

    RangeReadRequest r = fake.reads.get(0);
    assertThat(r.getTableId()).isEqualTo(GSI.getId());
    assertThat(r.getHashTableId()).isZero(); // a GSI's entries are hashed with its own id
    assertThat(r.getPartitionKey()).isEqualTo(ByteString.copyFrom(IndexKeys.partitionKey(GSI, s("G"))));
    assertThat(r.getLower().getKey()).isEqualTo(ByteString.copyFrom(bounds.lower()));
    assertThat(r.getLower().getInclusive()).isTrue();
    assertThat(r.hasUpper()).isFalse();
    assertThat(r.getDescending()).isTrue();
    assertThat(r.getLimit()).isEqualTo(1);
    byte[] baseKey = KeyCodec.itemKey(KeyCodec.partitionKeyBytes(ScalarType.S, s("z")),
        KeyCodec.sortKeyBytes(ScalarType.N, n("9")));
    assertThat(r.getExclusiveStart()).isEqualTo(
        ByteString.copyFrom(IndexKeys.entryKey(GSI, item(start), baseKey)));
    assertThat(page.items()).containsExactly(entry);
    assertThat(page.lastEvaluatedKey()).contains(Map.of("pk", s("a"), "sk", n("1"), "g", s("G"), "gs", n("5")));
  }

  @Test
  void lsiReadsAreHashedWithTheBaseTable() throws Exception {
    cluster.queryIndex(TABLE, LSI, s("a"), null, true, null, 0, true).get(5, TimeUnit.SECONDS);
    cluster.scanIndex(TABLE, LSI, 0, 1, null, 0, false).get(5, TimeUnit.SECONDS);

    RangeReadRequest query = fake.reads.get(0);
    assertThat(query.getTableId()).isEqualTo(LSI.getId());
    assertThat(query.getHashTableId()).isEqualTo(TABLE.getId());
    assertThat(query.getConsistent()).isTrue();
    assertThat(query.hasLower()).isFalse();
    assertThat(query.getExclusiveStart()).isEmpty();
    RangeReadRequest scan = fake.reads.get(1);
    assertThat(scan.getTableId()).isEqualTo(LSI.getId());
    assertThat(scan.getHashTableId()).isEqualTo(TABLE.getId());
    assertThat(scan.getHashBounded()).isTrue();
    assertThat(scan.getPartitionKey()).isEmpty();
  }

  @Test
  void deletingAnAbsentIndexIsResourceNotFoundWithTheCatalogsText() {
    AlterTableCommand cmd = AlterTableCommand.newBuilder().setName("t")
        .setDeleteIndex(DeleteIndexChange.newBuilder().setIndexName("nope")).build();
    assertThatThrownBy(() -> cluster.alterTable(cmd).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(DynamoException.class)
        .hasMessage("Requested resource not found: Index nope for table t");
  }
}
