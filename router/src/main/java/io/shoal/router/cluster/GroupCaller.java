package io.shoal.router.cluster;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
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
 * until the retry budget (which covers a leader election) runs out.
 *
 * <p>Requests that must not run twice (update expressions, conditional writes) are retried only when they surely
 * did not take effect: refused before being proposed (NOT_LEADER, BUSY, ...) or never delivered (connection
 * refused: the connection could not be made). After an unknown outcome (a deadline, a connection lost during the
 * call) they fail with an InternalServerError instead of being sent again.
 */
final class GroupCaller {
  private static final long BUDGET_MS = 12_000;
  private static final long CALL_DEADLINE_MS = 2_500;

  private final RoutingTable routing;
  private final Channels channels;
  private final ScheduledExecutorService scheduler;
  private final RoutingEvents events;

  GroupCaller(RoutingTable routing, Channels channels, ScheduledExecutorService scheduler, RoutingEvents events) {
    this.routing = routing;
    this.channels = channels;
    this.scheduler = scheduler;
    this.events = events;
  }

  /** A request that may be retried after an unknown outcome: a read. */
  <T> CompletableFuture<T> call(long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf) {
    return call(hash, call, errorOf, true);
  }

  <T> CompletableFuture<T> call(long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf, boolean idempotent) {
    Request<T> req = new Request<>(hash, call, errorOf, idempotent, false, System.currentTimeMillis() + BUDGET_MS);
    attempt(req, 0, null);
    return req.result;
  }

  /**
   * A read sent first to a random replica of the group, leader or not, and not taken as a sign of leadership when
   * it succeeds. Only for the chaos suite's broken build ({@link GrpcCluster}'s test-only stale reads).
   */
  <T> CompletableFuture<T> callAnyReplica(long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf) {
    Request<T> req = new Request<>(hash, call, errorOf, true, true, System.currentTimeMillis() + BUDGET_MS);
    attempt(req, 0, null);
    return req.result;
  }

  private record Request<T>(long hash,
      BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
      Function<T, RpcError> errorOf, boolean idempotent, boolean anyReplica, long deadline,
      CompletableFuture<T> result) {
    Request(long hash, BiFunction<GroupInfo, NodeServiceGrpc.NodeServiceFutureStub, ListenableFuture<T>> call,
        Function<T, RpcError> errorOf, boolean idempotent, boolean anyReplica, long deadline) {
      this(hash, call, errorOf, idempotent, anyReplica, deadline, new CompletableFuture<>());
    }
  }

  private <T> void attempt(Request<T> req, int n, String forced) {
    routing.router().whenComplete((router, err) -> {
      if (err != null) {
        retryOrFail(req, n, null, false, err.getMessage(), RoutingEvents.Retry.STALE_MAP);
        return;
      }
      send(router, req, n, forced);
    });
  }

  private <T> void send(PartitionRouter router, Request<T> req, int n, String forced) {
    GroupInfo g = router.groupFor(req.hash());
    String target = forced != null ? forced
        : req.anyReplica() ? routing.rotate(g, java.util.concurrent.ThreadLocalRandom.current().nextInt(
            Math.max(1, g.getReplicasCount())))
        : routing.target(g, n);
    if (target == null) {
      routing.refresh();
      retryOrFail(req, n, null, false, "no address for group " + g.getId(), RoutingEvents.Retry.STALE_MAP);
      return;
    }
    NodeServiceGrpc.NodeServiceFutureStub stub = NodeServiceGrpc.newFutureStub(channels.get(target))
        .withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS);
    Futures.addCallback(req.call().apply(g, stub), new FutureCallback<T>() {
      @Override
      public void onSuccess(T resp) {
        RpcError e = req.errorOf().apply(resp);
        if (e == null || e.getCode() == ErrorCode.OK) {
          if (!req.anyReplica()) {
            routing.learnLeader(g.getId(), target);
          }
          req.result().complete(resp);
          return;
        }
        switch (e.getCode()) {
          case NOT_LEADER:
            if (!e.getLeaderHint().isEmpty() && !e.getLeaderHint().equals(target)) {
              routing.learnLeader(g.getId(), e.getLeaderHint());
              retryOrFail(req, n, e.getLeaderHint(), true, "not leader", RoutingEvents.Retry.LEADER_REDIRECT);
            } else {
              routing.forgetLeader(g.getId(), target);
              retryOrFail(req, n, routing.rotate(g, n + 1), false, "group " + g.getId() + " has no leader",
                  RoutingEvents.Retry.NO_LEADER);
            }
            return;
          case GROUP_NOT_FOUND:
          case EPOCH_MISMATCH:
            routing.refresh();
            retryOrFail(req, n, null, false, e.getMessage(), RoutingEvents.Retry.STALE_MAP);
            return;
          case BUSY:
            retryOrFail(req, n, target, false, e.getMessage(), RoutingEvents.Retry.BUSY);
            return;
          default:
            req.result().complete(resp);
        }
      }

      @Override
      public void onFailure(Throwable t) {
        routing.forgetLeader(g.getId(), target);
        if (!req.idempotent() && !neverDelivered(t)) {
          routing.suspect(g.getId(), target);
          req.result().completeExceptionally(DynamoException.internalServerError(
              "Internal server error: the outcome of the write is unknown (" + t.getMessage() + ")"));
          return;
        }
        retryOrFail(req, n, routing.rotate(g, n + 1), false, "node " + target + ": " + t.getMessage(),
            RoutingEvents.Retry.UNREACHABLE);
      }
    }, MoreExecutors.directExecutor());
  }

  /**
   * True only when the call surely never reached the node: the connection to it could not be made. UNAVAILABLE
   * alone does not say that: a node killed after it received (and perhaps committed) a write also fails the call
   * with UNAVAILABLE ("Connection reset by peer", "Network closed for unknown reason"). Retrying that write on the
   * new leader applied it twice in ConditionalIncrementIT: the retry's condition failed, so the client was told
   * ConditionalCheckFailed for an increment that had taken effect.
   */
  static boolean neverDelivered(Throwable t) {
    if (Status.fromThrowable(t).getCode() != Status.Code.UNAVAILABLE) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      // What a failed connect throws: refused or timed out (ConnectException), no route (NoRouteToHostException, as
      // for a container cut off its network), or another socket error that Netty wraps as AnnotatedSocketException
      // only when connecting.
      if (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException
          || c.getClass().getSimpleName().equals("AnnotatedSocketException")) {
        return true;
      }
    }
    return false;
  }

  private <T> void retryOrFail(Request<T> req, int n, String next, boolean immediate, String why,
      RoutingEvents.Retry reason) {
    if (System.currentTimeMillis() >= req.deadline()) {
      req.result().completeExceptionally(
          DynamoException.serviceUnavailable("Shoal could not reach the partition: " + why));
      return;
    }
    events.retried(reason);
    long delay = immediate ? 0 : Math.min(400, 20L << Math.min(n, 5));
    scheduler.schedule(() -> attempt(req, n + 1, next), delay, TimeUnit.MILLISECONDS);
  }
}
