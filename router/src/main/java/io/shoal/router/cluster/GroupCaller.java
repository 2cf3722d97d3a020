package io.shoal.router.cluster;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.shoal.core.partition.PartitionRouter;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.RpcError;
import io.shoal.router.error.DynamoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Sends one request to the leader of the group owning a hash, following leader changes: NOT_LEADER hints are
 * followed at once; an unreachable or silent node makes the caller try the group's other replicas with backoff
 * until the retry budget (which covers a leader election) runs out. Only idempotent requests come through here,
 * so retrying one whose outcome was unknown is safe.
 */
final class GroupCaller {
  private static final long BUDGET_MS = 12_000;
  private static final long CALL_DEADLINE_MS = 2_500;

  private final RoutingTable routing;
  private final Channels channels;
  private final ScheduledExecutorService scheduler;

  GroupCaller(RoutingTable routing, Channels channels, ScheduledExecutorService scheduler) {
    this.routing = routing;
    this.channels = channels;
    this.scheduler = scheduler;
  }

  <T> CompletableFuture<T> call(long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(hash, call, errorOf, result, System.currentTimeMillis() + BUDGET_MS, 0, null);
    return result;
  }

  private <T> void attempt(long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf, CompletableFuture<T> result, long deadline, int n, String forced) {
    routing.router().whenComplete((router, err) -> {
      if (err != null) {
        retryOrFail(hash, call, errorOf, result, deadline, n, null, false, err.getMessage());
        return;
      }
      send(router, hash, call, errorOf, result, deadline, n, forced);
    });
  }

  private <T> void send(PartitionRouter router, long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf, CompletableFuture<T> result, long deadline, int n, String forced) {
    GroupInfo g = router.groupFor(hash);
    String target = forced != null ? forced : routing.target(g, n);
    if (target == null) {
      routing.refresh();
      retryOrFail(hash, call, errorOf, result, deadline, n, null, false, "no address for group " + g.getId());
      return;
    }
    NodeServiceGrpc.NodeServiceFutureStub stub = NodeServiceGrpc.newFutureStub(channels.get(target))
        .withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS);
    Futures.addCallback(call.apply(g, stub), new FutureCallback<T>() {
      @Override
      public void onSuccess(T resp) {
        RpcError e = errorOf.apply(resp);
        if (e == null || e.getCode() == ErrorCode.OK) {
          routing.learnLeader(g.getId(), target);
          result.complete(resp);
          return;
        }
        switch (e.getCode()) {
          case NOT_LEADER:
            if (!e.getLeaderHint().isEmpty() && !e.getLeaderHint().equals(target)) {
              routing.learnLeader(g.getId(), e.getLeaderHint());
              retryOrFail(hash, call, errorOf, result, deadline, n, e.getLeaderHint(), true, "not leader");
            } else {
              routing.forgetLeader(g.getId(), target);
              retryOrFail(hash, call, errorOf, result, deadline, n, routing.rotate(g, n + 1), false,
                  "group " + g.getId() + " has no leader");
            }
            return;
          case GROUP_NOT_FOUND:
          case EPOCH_MISMATCH:
            routing.refresh();
            retryOrFail(hash, call, errorOf, result, deadline, n, null, false, e.getMessage());
            return;
          case BUSY:
            retryOrFail(hash, call, errorOf, result, deadline, n, target, false, e.getMessage());
            return;
          default:
            result.complete(resp);
        }
      }

      @Override
      public void onFailure(Throwable t) {
        routing.forgetLeader(g.getId(), target);
        retryOrFail(hash, call, errorOf, result, deadline, n, routing.rotate(g, n + 1), false,
            "node " + target + ": " + t.getMessage());
      }
    }, MoreExecutors.directExecutor());
  }

  private <T> void retryOrFail(long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf, CompletableFuture<T> result, long deadline, int n, String next,
      boolean immediate, String why) {
    if (System.currentTimeMillis() >= deadline) {
      result.completeExceptionally(DynamoException.serviceUnavailable("Shoal could not reach the partition: " + why));
      return;
    }
    long delay = immediate ? 0 : Math.min(400, 20L << Math.min(n, 5));
    scheduler.schedule(() -> attempt(hash, call, errorOf, result, deadline, n + 1, next), delay,
        TimeUnit.MILLISECONDS);
  }
}
