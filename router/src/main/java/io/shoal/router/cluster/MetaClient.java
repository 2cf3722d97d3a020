package io.shoal.router.cluster;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Channel;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.RpcError;
import io.shoal.router.error.DynamoException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Calls the metadata leader. Starts at the last known leader (or a seed), follows NOT_LEADER hints and retries
 * transport failures with backoff until the budget runs out, which covers a metadata leader election.
 */
final class MetaClient {
  private static final long BUDGET_MS = 10_000;
  private static final long CALL_DEADLINE_MS = 3_000;

  private final List<String> seeds;
  private final Channels channels;
  private final ScheduledExecutorService scheduler;
  private volatile String leader;
  private int cursor;

  MetaClient(List<String> seeds, Channels channels, ScheduledExecutorService scheduler) {
    this.seeds = seeds;
    this.channels = channels;
    this.scheduler = scheduler;
  }

  /**
   * @param call issues the RPC on a stub
   * @param errorOf extracts the RpcError (if any) from a response
   */
  <T> CompletableFuture<T> call(Function<MetaServiceGrpc.MetaServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(call, errorOf, result, System.currentTimeMillis() + BUDGET_MS, 0);
    return result;
  }

  private synchronized String nextTarget() {
    if (leader != null) {
      return leader;
    }
    return seeds.get(Math.floorMod(cursor++, seeds.size()));
  }

  private <T> void attempt(Function<MetaServiceGrpc.MetaServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf, CompletableFuture<T> result, long deadline, int n) {
    String target = nextTarget();
    Channel ch = channels.get(target);
    MetaServiceGrpc.MetaServiceFutureStub stub = MetaServiceGrpc.newFutureStub(ch)
        .withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS);
    BiFunction<Boolean, String, Void> retry = (immediate, why) -> {
      if (System.currentTimeMillis() >= deadline) {
        result.completeExceptionally(DynamoException.serviceUnavailable(
            "The cluster metadata service is unavailable: " + why));
      } else {
        long delay = immediate ? 0 : Math.min(500, 25L << Math.min(n, 5));
        scheduler.schedule(() -> attempt(call, errorOf, result, deadline, n + 1), delay, TimeUnit.MILLISECONDS);
      }
      return null;
    };
    Futures.addCallback(call.apply(stub), new FutureCallback<T>() {
      @Override
      public void onSuccess(T resp) {
        RpcError err = errorOf.apply(resp);
        if (err == null || err.getCode() == ErrorCode.OK) {
          leader = target;
          result.complete(resp);
          return;
        }
        if (err.getCode() == ErrorCode.NOT_LEADER) {
          leader = err.getLeaderHint().isEmpty() ? null : err.getLeaderHint();
          retry.apply(leader != null && !leader.equals(target), "no metadata leader");
          return;
        }
        if (err.getRetriable()) {
          retry.apply(false, err.getMessage());
          return;
        }
        result.complete(resp);
      }

      @Override
      public void onFailure(Throwable t) {
        leader = null;
        retry.apply(false, t.getMessage());
      }
    }, MoreExecutors.directExecutor());
  }
}
