package io.shoal.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.MetaListTablesRequest;
import io.shoal.proto.MetaListTablesResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import io.shoal.router.error.DynamoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the router may send a write again: only when the first attempt surely never reached a node. A group of two
 * replicas, n1 the preferred leader and n2; the test breaks n1 in the two ways a killed process looks to a client.
 */
class GrpcClusterWriteOutcomeTest {
  private static final TableInfo TABLE = TableInfo.newBuilder().setName("t").setId(10)
      .setHashKey(KeyAttribute.newBuilder().setName("pk").setType(ScalarType.S)).build();

  /** A node service that records every write and answers it, unless told to cut its connections first. */
  static final class FakeNode extends NodeServiceGrpc.NodeServiceImplBase {
    final List<WriteRequest> writes = new CopyOnWriteArrayList<>();
    volatile Runnable onWrite;

    @Override
    public void write(WriteRequest req, StreamObserver<WriteResponse> out) {
      writes.add(req);
      Runnable cut = onWrite;
      if (cut != null) {
        cut.run();
        return;
      }
      out.onNext(WriteResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  /**
   * Forwards TCP connections to a backend; {@link #reset()} aborts them all with a RST, as the kernel does for the
   * sockets of a process killed with SIGKILL.
   */
  static final class CuttableProxy implements AutoCloseable {
    final ServerSocket listener;
    final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CuttableProxy(int backendPort) throws IOException {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread accept = new Thread(() -> {
        while (!listener.isClosed()) {
          try {
            Socket in = listener.accept();
            Socket out = new Socket("127.0.0.1", backendPort);
            sockets.add(in);
            sockets.add(out);
            pump(in, out);
            pump(out, in);
          } catch (IOException e) {
            return;
          }
        }
      }, "proxy-accept");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    private static void pump(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          int n;
          while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
          }
        } catch (IOException e) {
          // The other side was cut.
        }
      }, "proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    void reset() {
      for (Socket s : sockets) {
        try {
          s.setSoLinger(true, 0);
          s.close();
        } catch (IOException e) {
          // Already closed.
        }
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      reset();
    }
  }

  /** Serves a view of one group over the whole ring with replicas n1 (preferred leader) and n2. */
  static final class FakeMeta extends MetaServiceGrpc.MetaServiceImplBase {
    final int n1Port;
    final int n2Port;

    FakeMeta(int n1Port, int n2Port) {
      this.n1Port = n1Port;
      this.n2Port = n2Port;
    }

    private static NodeStatus node(String id, String zone, int port) {
      return NodeStatus.newBuilder().setNode(NodeInfo.newBuilder().setId(id).setZone(zone)
          .setRaftAddress("127.0.0.1:1").setGrpcAddress("127.0.0.1:" + port)).setAlive(true).build();
    }

    @Override
    public void getClusterView(ClusterViewRequest req, StreamObserver<ClusterViewResponse> out) {
      GroupInfo g = GroupInfo.newBuilder().setId(1).setEpoch(1)
          .addReplicas(Replica.newBuilder().setNodeId("n1").setPreferredLeader(true))
          .addReplicas(Replica.newBuilder().setNodeId("n2")).build();
      out.onNext(ClusterViewResponse.newBuilder().setView(ClusterView.newBuilder().setMetaLeader("n1")
          .addNodes(node("n1", "a", n1Port)).addNodes(node("n2", "b", n2Port))
          .setPartitionMap(PartitionMap.newBuilder().setVersion(1).addGroups(g))).build());
      out.onCompleted();
    }

    @Override
    public void listTables(MetaListTablesRequest req, StreamObserver<MetaListTablesResponse> out) {
      out.onNext(MetaListTablesResponse.newBuilder().addTables(TABLE).build());
      out.onCompleted();
    }
  }

  private final FakeNode n1 = new FakeNode();
  private final FakeNode n2 = new FakeNode();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private GrpcCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private int serve(Object service) throws IOException {
    NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
    if (service instanceof NodeServiceGrpc.NodeServiceImplBase node) {
      b.addService(node);
    } else {
      b.addService((MetaServiceGrpc.MetaServiceImplBase) service);
    }
    Server s = b.build().start();
    closing.add(() -> s.shutdownNow());
    return s.getPort();
  }

  private void routerOver(int n1Port, int n2Port) throws Exception {
    int meta = serve(new FakeMeta(n1Port, n2Port));
    cluster = new GrpcCluster(List.of("127.0.0.1:" + meta));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!cluster.ready()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("router not ready");
      }
      Thread.sleep(50);
    }
  }

  private static Item item() {
    return Item.newBuilder().putAllAttributes(Map.of("pk", AttributeValue.newBuilder().setS("a").build())).build();
  }

  @Test
  void aWriteWhoseNodeDiedDuringTheCallIsNotSentAgainAndTheNextGoesElsewhere() throws Exception {
    CuttableProxy proxy = new CuttableProxy(serve(n1));
    closing.add(proxy);
    n1.onWrite = proxy::reset;
    routerOver(proxy.port(), serve(n2));

    assertThatThrownBy(() -> cluster.putItem(TABLE, item(), (Cluster.Expression) null).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(DynamoException.class)
        .hasMessageContaining("outcome of the write is unknown");
    assertThat(n1.writes).hasSize(1);
    assertThat(n2.writes).as("the write was not sent to another replica").isEmpty();

    // The next write starts at the other replica instead of the one that left the last unanswered.
    cluster.putItem(TABLE, item(), (Cluster.Expression) null).get(10, TimeUnit.SECONDS);
    assertThat(n2.writes).hasSize(1);
    assertThat(n1.writes).hasSize(1);
  }

  @Test
  void aWriteThatCouldNotConnectGoesToTheNextReplica() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = s.getLocalPort();
    }
    routerOver(closedPort, serve(n2));

    cluster.putItem(TABLE, item(), (Cluster.Expression) null).get(10, TimeUnit.SECONDS);
    assertThat(n2.writes).hasSize(1);
  }

  @Test
  void onlyAFailedConnectCountsAsNeverDelivered() {
    assertThat(GroupCaller.neverDelivered(io.grpc.Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new java.net.ConnectException("Connection refused")).asRuntimeException())).isTrue();
    assertThat(GroupCaller.neverDelivered(io.grpc.Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new java.net.NoRouteToHostException("No route to host")).asRuntimeException())).isTrue();
    assertThat(GroupCaller.neverDelivered(io.grpc.Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new IOException("Connection reset by peer")).asRuntimeException())).isFalse();
    assertThat(GroupCaller.neverDelivered(io.grpc.Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new IOException("No route to host")).asRuntimeException()))
        .as("the same error on an open connection: the request may have arrived").isFalse();
    assertThat(GroupCaller.neverDelivered(io.grpc.Status.UNAVAILABLE
        .withDescription("Network closed for unknown reason").asRuntimeException())).isFalse();
    assertThat(GroupCaller.neverDelivered(io.grpc.Status.DEADLINE_EXCEEDED.asRuntimeException())).isFalse();
  }
}
