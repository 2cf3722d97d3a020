package io.shoal.admin;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.RpcError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A MetaService that answers GetClusterView with whatever view (or error) the test sets. */
public final class FakeMetaService extends MetaServiceGrpc.MetaServiceImplBase
    implements AutoCloseable {

  private volatile ClusterView view;
  private volatile ErrorCode error = ErrorCode.OK;
  private volatile long delayMs;
  private final AtomicInteger calls = new AtomicInteger();
  private final Server server;
  private final CountDownLatch closing = new CountDownLatch(1);

  public FakeMetaService(int port, ClusterView view) throws IOException {
    this.view = view;
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .addService(this).build().start();
  }

  public int port() {
    return server.getPort();
  }

  public FakeMetaService view(ClusterView v) {
    this.view = v;
    return this;
  }

  public FakeMetaService error(ErrorCode code) {
    this.error = code;
    return this;
  }

  public FakeMetaService delay(long ms) {
    this.delayMs = ms;
    return this;
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public void getClusterView(ClusterViewRequest request,
      StreamObserver<ClusterViewResponse> out) {
    calls.incrementAndGet();
    if (delayMs > 0) {
      try {
        closing.await(delayMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ClusterViewResponse.Builder r = ClusterViewResponse.newBuilder();
    if (error != ErrorCode.OK) {
      r.setError(RpcError.newBuilder().setCode(error).setMessage("not me").setLeaderHint("n1"));
    } else {
      r.setView(view);
    }
    out.onNext(r.build());
    out.onCompleted();
  }

  @Override
  public void close() throws InterruptedException {
    closing.countDown(); // release delayed calls, then let them finish before the transport goes
    if (!server.shutdown().awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
  }
}
