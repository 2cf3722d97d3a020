package io.shoal.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.ReadRequest;
import io.shoal.proto.ReadResponse;
import io.shoal.router.loop.IoLoops;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A call made on one of the router's event loops travels and is answered on that loop's own channel and thread. */
class ChannelsTest {
  IoLoops loops;
  Channels channels;
  Server node;
  String address;

  @BeforeEach
  void start() throws Exception {
    loops = new IoLoops(2);
    channels = new Channels(loops);
    node = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new NodeServiceGrpc.NodeServiceImplBase() {
          @Override
          public void read(ReadRequest req, StreamObserver<ReadResponse> out) {
            out.onNext(ReadResponse.getDefaultInstance());
            out.onCompleted();
          }
        }).build().start();
    address = "127.0.0.1:" + node.getPort();
  }

  @AfterEach
  void stop() {
    channels.close();
    node.shutdownNow();
    loops.close();
  }

  @Test
  void aCallMadeOnALoopIsAnsweredOnThatLoopsThread() throws Exception {
    for (int i = 0; i < loops.size(); i++) {
      int loop = i;
      CompletableFuture<Thread> caller = new CompletableFuture<>();
      CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
      loops.loop(loop).execute(() -> {
        caller.complete(Thread.currentThread());
        read(channels.get(address), answeredOn);
      });
      assertThat(answeredOn.get(10, TimeUnit.SECONDS)).as("loop %d", loop).isSameAs(caller.get());
    }
    // One channel per loop, each bound to its loop.
    CompletableFuture<ManagedChannel> onFirst = new CompletableFuture<>();
    CompletableFuture<ManagedChannel> onSecond = new CompletableFuture<>();
    loops.loop(0).execute(() -> onFirst.complete(channels.get(address)));
    loops.loop(1).execute(() -> onSecond.complete(channels.get(address)));
    assertThat(onFirst.get(5, TimeUnit.SECONDS)).isNotSameAs(onSecond.get(5, TimeUnit.SECONDS));
  }

  @Test
  void anotherThreadUsesTheFirstLoopsChannel() throws Exception {
    CompletableFuture<Thread> firstLoop = new CompletableFuture<>();
    loops.loop(0).execute(() -> firstLoop.complete(Thread.currentThread()));
    CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
    read(channels.get(address), answeredOn);
    assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isSameAs(firstLoop.get(5, TimeUnit.SECONDS));
  }

  static void read(ManagedChannel channel, CompletableFuture<Thread> answeredOn) {
    NodeServiceGrpc.newStub(channel).read(ReadRequest.getDefaultInstance(), new StreamObserver<>() {
      @Override
      public void onNext(ReadResponse value) {
        answeredOn.complete(Thread.currentThread());
      }

      @Override
      public void onError(Throwable t) {
        answeredOn.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    });
  }
}
