package io.shoal.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.WriteBatchRequest;
import io.shoal.proto.WriteBatchResponse;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit in the router, over a real gRPC transport to a fake node that holds each WriteBatch until the test
 * answers it: a lone write leaves at once, writes arriving meanwhile leave together in the next batch, each gets its
 * own result, a failed batch fails each of its writes, and batches respect their limits.
 */
class WriteLanesTest {
  private record Held(WriteBatchRequest request, StreamObserver<WriteBatchResponse> out) {
    /** Answers each write with its key as the seq, so the test can tell whose result each future got. */
    void answerEach() {
      WriteBatchResponse.Builder b = WriteBatchResponse.newBuilder();
      for (WriteRequest w : request.getWritesList()) {
        b.addResults(WriteResponse.newBuilder().setSeq(Long.parseLong(w.getKey().toStringUtf8())));
      }
      out.onNext(b.build());
      out.onCompleted();
    }
  }

  private final LinkedBlockingQueue<Held> held = new LinkedBlockingQueue<>();
  private Server server;
  private Channels channels;
  private String target;

  @BeforeEach
  void start() throws Exception {
    NodeServiceGrpc.NodeServiceImplBase node = new NodeServiceGrpc.NodeServiceImplBase() {
      @Override
      public void writeBatch(WriteBatchRequest req, StreamObserver<WriteBatchResponse> out) {
        held.add(new Held(req, out));
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(node).build().start();
    target = "127.0.0.1:" + server.getPort();
    channels = new Channels();
  }

  @AfterEach
  void stop() {
    channels.close();
    server.shutdownNow();
  }

  private static WriteRequest write(int group, long key) {
    return WriteRequest.newBuilder().setGroupId(group).setKey(ByteString.copyFromUtf8(Long.toString(key))).build();
  }

  private Held nextBatch() throws InterruptedException {
    Held h = held.poll(10, TimeUnit.SECONDS);
    assertThat(h).as("a WriteBatch call reached the node").isNotNull();
    return h;
  }

  private static List<Long> keys(Held h) {
    List<Long> keys = new ArrayList<>();
    h.request().getWritesList().forEach(w -> keys.add(Long.parseLong(w.getKey().toStringUtf8())));
    return keys;
  }

  @Test
  void writesArrivingWhileABatchIsInFlightLeaveTogetherInTheNext() throws Exception {
    WriteLanes lanes = new WriteLanes(channels, 10_000, 1);
    ListenableFuture<WriteResponse> first = lanes.write(target, write(1, 100));
    Held b1 = nextBatch();
    assertThat(keys(b1)).containsExactly(100L);

    List<ListenableFuture<WriteResponse>> waiting = new ArrayList<>();
    for (long k = 101; k <= 105; k++) {
      waiting.add(lanes.write(target, write(1, k)));
    }
    assertThat(held.poll(300, TimeUnit.MILLISECONDS)).as("nothing else is sent while one batch is in flight")
        .isNull();
    b1.answerEach();
    assertThat(first.get(10, TimeUnit.SECONDS).getSeq()).isEqualTo(100L);

    Held b2 = nextBatch();
    assertThat(keys(b2)).containsExactly(101L, 102L, 103L, 104L, 105L);
    b2.answerEach();
    for (int i = 0; i < waiting.size(); i++) {
      assertThat(waiting.get(i).get(10, TimeUnit.SECONDS).getSeq()).isEqualTo(101L + i);
    }
  }

  @Test
  void eachGroupHasItsOwnLane() throws Exception {
    WriteLanes lanes = new WriteLanes(channels, 10_000, 1);
    ListenableFuture<WriteResponse> g1 = lanes.write(target, write(1, 1));
    ListenableFuture<WriteResponse> g2 = lanes.write(target, write(2, 2));
    Held a = nextBatch();
    Held b = nextBatch();
    assertThat(List.of(a.request().getWrites(0).getGroupId(), b.request().getWrites(0).getGroupId()))
        .containsExactlyInAnyOrder(1, 2);
    a.answerEach();
    b.answerEach();
    assertThat(g1.get(10, TimeUnit.SECONDS).getSeq()).isEqualTo(1L);
    assertThat(g2.get(10, TimeUnit.SECONDS).getSeq()).isEqualTo(2L);
  }

  @Test
  void aFailedBatchFailsEachOfItsWritesAndTheLaneGoesOn() throws Exception {
    WriteLanes lanes = new WriteLanes(channels, 10_000, 1);
    ListenableFuture<WriteResponse> first = lanes.write(target, write(1, 1));
    Held b1 = nextBatch();
    ListenableFuture<WriteResponse> second = lanes.write(target, write(1, 2));
    ListenableFuture<WriteResponse> third = lanes.write(target, write(1, 3));
    b1.out().onError(Status.DEADLINE_EXCEEDED.withDescription("slow").asRuntimeException());
    assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(StatusRuntimeException.class).hasMessageContaining("DEADLINE_EXCEEDED");

    Held b2 = nextBatch();
    assertThat(keys(b2)).containsExactly(2L, 3L);
    b2.out().onError(Status.UNAVAILABLE.asRuntimeException());
    for (ListenableFuture<WriteResponse> f : List.of(second, third)) {
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().hasMessageContaining("UNAVAILABLE");
    }

    ListenableFuture<WriteResponse> after = lanes.write(target, write(1, 4));
    Held b3 = nextBatch();
    b3.answerEach();
    assertThat(after.get(10, TimeUnit.SECONDS).getSeq()).isEqualTo(4L);
  }

  @Test
  void aBatchHoldsAtMostMaxWritesAndTheRestFollow() throws Exception {
    WriteLanes lanes = new WriteLanes(channels, 10_000, 1);
    List<ListenableFuture<WriteResponse>> all = new ArrayList<>();
    all.add(lanes.write(target, write(1, 0)));
    Held b1 = nextBatch();
    int queued = WriteLanes.MAX_BATCH_WRITES + 3;
    for (long k = 1; k <= queued; k++) {
      all.add(lanes.write(target, write(1, k)));
    }
    b1.answerEach();
    Held b2 = nextBatch();
    assertThat(b2.request().getWritesCount()).isEqualTo(WriteLanes.MAX_BATCH_WRITES);
    b2.answerEach();
    Held b3 = nextBatch();
    assertThat(keys(b3)).containsExactly(queued - 2L, queued - 1L, (long) queued);
    b3.answerEach();
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).get(10, TimeUnit.SECONDS).getSeq()).isEqualTo(i);
    }
  }

  @Test
  void aBatchStaysUnderTheByteLimitButAnOversizedWriteStillLeavesAlone() throws Exception {
    WriteLanes lanes = new WriteLanes(channels, 10_000, 1);
    ListenableFuture<WriteResponse> first = lanes.write(target, write(1, 0));
    Held b1 = nextBatch();
    // Three writes of 400 KB: two fit under the 1 MiB limit, the third waits for the next batch.
    ByteString big = ByteString.copyFrom(new byte[400 * 1024]);
    List<ListenableFuture<WriteResponse>> bigOnes = new ArrayList<>();
    for (long k = 1; k <= 3; k++) {
      bigOnes.add(lanes.write(target, write(1, k).toBuilder()
          .setPut(io.shoal.proto.Item.newBuilder().putAttributes("b",
              io.shoal.proto.AttributeValue.newBuilder().setB(big).build())).build()));
    }
    b1.answerEach();
    first.get(10, TimeUnit.SECONDS);
    Held b2 = nextBatch();
    assertThat(keys(b2)).containsExactly(1L, 2L);
    b2.answerEach();
    Held b3 = nextBatch();
    assertThat(keys(b3)).containsExactly(3L);
    b3.answerEach();
    for (ListenableFuture<WriteResponse> f : bigOnes) {
      f.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withTwoInFlightTheSecondWriteDoesNotWaitForTheFirst() throws Exception {
    WriteLanes lanes = new WriteLanes(channels, 10_000, 2);
    lanes.write(target, write(1, 1));
    lanes.write(target, write(1, 2));
    Held a = nextBatch();
    Held b = nextBatch();
    assertThat(keys(a).size() + keys(b).size()).isEqualTo(2);
    a.answerEach();
    b.answerEach();
  }
}
