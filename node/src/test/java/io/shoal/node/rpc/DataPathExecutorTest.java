package io.shoal.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.shoal.proto.GroupDigestRequest;
import io.shoal.proto.GroupDigestResponse;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.ReadRequest;
import io.shoal.proto.ReadResponse;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Over a real Netty server: which thread asks for a call's executor, and which runs each kind of handler. */
class DataPathExecutorTest {
  private final ExecutorService blocking = Executors.newCachedThreadPool(r -> new Thread(r, "test-blocking"));
  private final Map<String, String> handlerThread = new ConcurrentHashMap<>();
  private final Map<String, String> supplierThread = new ConcurrentHashMap<>();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    blocking.shutdownNow();
  }

  @Test
  void dataPathRunsOnTheTransportThreadWithNoHopAndOtherMethodsOnThePool() throws Exception {
    DataPathExecutor real = new DataPathExecutor(blocking);
    ServerCallExecutorSupplier recording = new ServerCallExecutorSupplier() {
      @Override
      public <ReqT, RespT> java.util.concurrent.Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata h) {
        supplierThread.put(call.getMethodDescriptor().getBareMethodName(), Thread.currentThread().getName());
        return real.getExecutor(call, h);
      }
    };
    server = DataPathExecutor.install(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), recording)
        .addService(new NodeServiceGrpc.NodeServiceImplBase() {
          @Override
          public void read(ReadRequest request, StreamObserver<ReadResponse> response) {
            handlerThread.put("Read", Thread.currentThread().getName());
            response.onNext(ReadResponse.getDefaultInstance());
            response.onCompleted();
          }

          @Override
          public void groupDigest(GroupDigestRequest request, StreamObserver<GroupDigestResponse> response) {
            handlerThread.put("GroupDigest", Thread.currentThread().getName());
            response.onNext(GroupDigestResponse.getDefaultInstance());
            response.onCompleted();
          }
        })
        .build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    NodeServiceGrpc.NodeServiceBlockingStub stub = NodeServiceGrpc.newBlockingStub(channel);

    stub.read(ReadRequest.getDefaultInstance());
    stub.groupDigest(GroupDigestRequest.getDefaultInstance());

    assertThat(supplierThread.get("Read"))
        .as("the call's executor is chosen on the transport thread, not after a hop to a pool")
        .startsWith("grpc-default-worker");
    assertThat(handlerThread.get("Read")).as("the data path stays on that thread")
        .isEqualTo(supplierThread.get("Read"));
    assertThat(supplierThread.get("GroupDigest")).startsWith("grpc-default-worker");
    assertThat(handlerThread.get("GroupDigest")).as("methods that may wait leave the transport thread")
        .isEqualTo("test-blocking");
  }
}
