package io.shoal.router.cluster;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import io.grpc.Status;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.WriteBatchRequest;
import io.shoal.proto.WriteBatchResponse;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for item writes: one lane per (node, group) sends at most {@code maxInFlight} WriteBatch calls at a
 * time, and the writes that arrive meanwhile leave together in the next one.
 *
 * <p>Why: a Raft write costs mostly per batch, not per entry (every append, replication round, fsync and apply
 * wakes several jraft threads; ../shared/JRAFT-FACTS.md measured 820-1,536 writes/s with 8 groups and 32 writes in
 * flight in total, 6,400-7,000 with 32 in flight per group). Writes that reach a leader one RPC at a time are
 * proposed one at a time; a batch is proposed back to back and jraft appends, replicates, fsyncs and applies it at
 * once. Nothing waits for a timer: an idle lane sends a lone write at once, so a single client pays no latency,
 * and batches grow only while a previous one is in flight, that is, with load.
 *
 * <p>Each write keeps its own outcome. A batch call that fails fails each of its writes with the same error, which
 * {@link GroupCaller} treats exactly as the failure of a single write (a write is never sent twice after an
 * unknown outcome).
 */
final class WriteLanes {
  /** Keeps a batch well under gRPC's 4 MiB message limit (an item is at most 400 KB). */
  static final int MAX_BATCH_BYTES = 1 << 20;
  static final int MAX_BATCH_WRITES = 64;

  private final Channels channels;
  private final long deadlineMs;
  private final int maxInFlight;
  private final Map<LaneKey, Lane> lanes = new ConcurrentHashMap<>();

  WriteLanes(Channels channels, long deadlineMs, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    this.channels = channels;
    this.deadlineMs = deadlineMs;
    this.maxInFlight = maxInFlight;
  }

  /** Sends the write to the node at {@code target}, alone or with others for the same group. */
  ListenableFuture<WriteResponse> write(String target, WriteRequest req) {
    SettableFuture<WriteResponse> result = SettableFuture.create();
    lanes.computeIfAbsent(new LaneKey(target, req.getGroupId()), Lane::new).submit(new Pending(req, result));
    return result;
  }

  private record LaneKey(String target, int group) {}

  private record Pending(WriteRequest request, SettableFuture<WriteResponse> result) {}

  private final class Lane {
    private final LaneKey key;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    Lane(LaneKey key) {
      this.key = key;
    }

    void submit(Pending p) {
      List<Pending> batch;
      synchronized (this) {
        queue.add(p);
        if (inFlight >= maxInFlight) {
          return;
        }
        batch = take();
        inFlight++;
      }
      send(batch);
    }

    /** The oldest queued writes, at least one, within the batch limits. Caller holds the lock. */
    private List<Pending> take() {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH_WRITES));
      long bytes = 0;
      while (!queue.isEmpty() && batch.size() < MAX_BATCH_WRITES) {
        int size = queue.peek().request().getSerializedSize();
        if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        bytes += size;
        batch.add(queue.poll());
      }
      return batch;
    }

    private void send(List<Pending> batch) {
      WriteBatchRequest.Builder b = WriteBatchRequest.newBuilder();
      for (Pending p : batch) {
        b.addWrites(p.request());
      }
      ListenableFuture<WriteBatchResponse> call;
      try {
        call = NodeServiceGrpc.newFutureStub(channels.get(key.target()))
            .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).writeBatch(b.build());
      } catch (RuntimeException e) {
        call = Futures.immediateFailedFuture(e);
      }
      Futures.addCallback(call, new FutureCallback<>() {
        @Override
        public void onSuccess(WriteBatchResponse resp) {
          if (resp.getResultsCount() != batch.size()) {
            fail(Status.INTERNAL.withDescription("node answered " + resp.getResultsCount() + " results for "
                + batch.size() + " writes").asRuntimeException());
            return;
          }
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().set(resp.getResults(i));
          }
          next();
        }

        @Override
        public void onFailure(Throwable t) {
          fail(t);
        }

        private void fail(Throwable t) {
          batch.forEach(p -> p.result().setException(t));
          next();
        }
      }, MoreExecutors.directExecutor());
    }

    private void next() {
      List<Pending> batch;
      synchronized (this) {
        if (queue.isEmpty()) {
          inFlight--;
          return;
        }
        batch = take();
      }
      send(batch);
    }
  }
}
