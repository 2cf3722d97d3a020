package io.shoal.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.MetaGetTableRequest;
import io.shoal.proto.MetaGetTableResponse;
import io.shoal.proto.MetaListTablesRequest;
import io.shoal.proto.MetaListTablesResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router's readiness: a partition map and the table catalog from the metadata group. */
class GrpcClusterReadinessTest {
  private static final TableInfo THINGS = TableInfo.newBuilder().setName("things").setId(7)
      .setHashKey(KeyAttribute.newBuilder().setName("pk").setType(ScalarType.S)).build();

  /** Answers GetClusterView with the view the test sets (none: an empty partition map) and ListTables. */
  static final class FakeMeta extends MetaServiceGrpc.MetaServiceImplBase {
    volatile ClusterView view = ClusterView.getDefaultInstance();
    final AtomicInteger getTableCalls = new AtomicInteger();

    @Override
    public void getClusterView(ClusterViewRequest req, StreamObserver<ClusterViewResponse> out) {
      out.onNext(ClusterViewResponse.newBuilder().setView(view).build());
      out.onCompleted();
    }

    @Override
    public void listTables(MetaListTablesRequest req, StreamObserver<MetaListTablesResponse> out) {
      out.onNext(MetaListTablesResponse.newBuilder().addTables(THINGS).build());
      out.onCompleted();
    }

    @Override
    public void getTable(MetaGetTableRequest req, StreamObserver<MetaGetTableResponse> out) {
      getTableCalls.incrementAndGet();
      out.onNext(MetaGetTableResponse.newBuilder().setTable(THINGS).build());
      out.onCompleted();
    }
  }

  private final FakeMeta meta = new FakeMeta();
  private Server server;
  private GrpcCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  private static ClusterView oneGroupView(long version) {
    NodeStatus n1 = NodeStatus.newBuilder().setNode(NodeInfo.newBuilder().setId("n1").setZone("a")
        .setRaftAddress("127.0.0.1:1").setGrpcAddress("127.0.0.1:2")).setAlive(true).build();
    GroupInfo g = GroupInfo.newBuilder().setId(1).setEpoch(1).setHashStart(0).setHashEnd(0)
        .addReplicas(Replica.newBuilder().setNodeId("n1").setPreferredLeader(true)).build();
    return ClusterView.newBuilder().setMetaLeader("n1").addNodes(n1)
        .setPartitionMap(PartitionMap.newBuilder().setVersion(version).addGroups(g)).build();
  }

  private static void await(String what, java.util.function.BooleanSupplier cond) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void readyOnceThereIsAPartitionMapAndTheCatalogIsCached() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(meta).build().start();
    long before = System.currentTimeMillis();
    cluster = new GrpcCluster(List.of("127.0.0.1:" + server.getPort()));

    // The metadata group answers but has no partition map yet (fewer than three zones up).
    Thread.sleep(1500);
    // The map's version and time first: if a map did arrive, the failure says which (a CI run once saw ready()
    // true here, unexplained and not reproduced in 5 local runs).
    assertThat(cluster.partitionMapVersion()).isEqualTo(-1);
    assertThat(cluster.partitionMapRefreshedAtMs()).isZero();
    assertThat(cluster.ready()).isFalse();

    meta.view = oneGroupView(3);
    await("ready", cluster::ready);
    assertThat(cluster.partitionMapVersion()).isEqualTo(3);
    assertThat(cluster.partitionMapRefreshedAtMs()).isGreaterThanOrEqualTo(before);
    // The catalog read warmed the table cache: item requests need no catalog call.
    assertThat(cluster.resolveTable("things").get(5, TimeUnit.SECONDS)).contains(THINGS);
    assertThat(meta.getTableCalls.get()).isZero();

    // Latched: a later empty answer from the metadata group does not take the router out of service.
    meta.view = ClusterView.getDefaultInstance();
    Thread.sleep(1500);
    assertThat(cluster.ready()).isTrue();
    assertThat(cluster.partitionMapVersion()).isEqualTo(3);
  }
}
