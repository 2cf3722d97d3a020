package io.shoal.router.cluster;

import io.shoal.core.partition.PartitionRouter;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.Replica;
import io.shoal.router.error.DynamoException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router's cached partition map and leader hints. Refreshed in the background and whenever a node says the
 * router is wrong (NOT_LEADER without hint, EPOCH_MISMATCH, GROUP_NOT_FOUND). Leader hints learned from replies
 * override the map's until the next failure.
 */
final class RoutingTable {
  private final MetaClient meta;
  private volatile PartitionRouter router;
  private final Map<String, String> grpcByNode = new ConcurrentHashMap<>();
  private final Map<Integer, String> leaderByGroup = new ConcurrentHashMap<>();
  /** Per group, a replica that just left a write unanswered: first attempts avoid it (see {@link #suspect}). */
  private final Map<Integer, String> suspects = new ConcurrentHashMap<>();
  private CompletableFuture<Void> inflight;
  /** Wall-clock millis of the last successful refresh (0 = never); the map's age is measured from it. */
  private volatile long refreshedAtMs;

  RoutingTable(MetaClient meta) {
    this.meta = meta;
  }

  /** Fetches the current view; concurrent callers share one request. */
  synchronized CompletableFuture<Void> refresh() {
    if (inflight != null && !inflight.isDone()) {
      return inflight;
    }
    inflight = meta.call(s -> s.getClusterView(ClusterViewRequest.getDefaultInstance()),
        ClusterViewResponse::getError).thenAccept(r -> {
          if (r.hasError()) {
            throw DynamoException.serviceUnavailable(r.getError().getMessage());
          }
          install(r.getView());
        });
    return inflight;
  }

  private void install(ClusterView view) {
    for (NodeStatus n : view.getNodesList()) {
      grpcByNode.put(n.getNode().getId(), n.getNode().getGrpcAddress());
    }
    if (view.getPartitionMap().getGroupsCount() == 0) {
      throw DynamoException.serviceUnavailable("The cluster has no partition map yet; are three zones up?");
    }
    leaderByGroup.clear();
    for (GroupLeader l : view.getLeadersList()) {
      String addr = grpcByNode.get(l.getNodeId());
      if (addr != null) {
        leaderByGroup.put(l.getGroupId(), addr);
      }
    }
    router = new PartitionRouter(view.getPartitionMap());
    refreshedAtMs = System.currentTimeMillis();
  }

  /** Version of the partition map in use, or -1 before the first one arrived. */
  long mapVersion() {
    PartitionRouter r = router;
    return r == null ? -1 : r.version();
  }

  /** When the map was last confirmed by the metadata group (wall-clock millis), or 0 if never. */
  long refreshedAtMs() {
    return refreshedAtMs;
  }

  /** Current router, fetching the map first when there is none yet. */
  CompletableFuture<PartitionRouter> router() {
    PartitionRouter r = router;
    if (r != null) {
      return CompletableFuture.completedFuture(r);
    }
    return refresh().thenApply(v -> router);
  }

  /** Best guess of where the group's leader is: a learned hint, else the preferred replica, then the others. */
  String target(GroupInfo g, int attempt) {
    String avoid = suspects.get(g.getId());
    String hinted = leaderByGroup.get(g.getId());
    if (hinted != null && !hinted.equals(avoid)) {
      return hinted;
    }
    List<Replica> replicas = g.getReplicasList();
    int preferred = 0;
    for (int i = 0; i < replicas.size(); i++) {
      if (replicas.get(i).getPreferredLeader()) {
        preferred = i;
      }
    }
    String pick = grpcByNode.get(replicas.get(Math.floorMod(preferred + attempt, replicas.size())).getNodeId());
    if (pick != null && pick.equals(avoid) && replicas.size() > 1) {
      pick = grpcByNode.get(replicas.get(Math.floorMod(preferred + attempt + 1, replicas.size())).getNodeId());
    }
    return pick;
  }

  /**
   * The group's leader at {@code grpcAddress} left a write without an answer (a deadline, a dropped connection).
   * The write is not sent again, but the next requests for the group start at another replica, whose NOT_LEADER hint
   * or success finds the leader: otherwise every write would go back to the silent node (the cluster view names it
   * until the metadata group hears of a new leader) and fail the same way. Cleared by any leader learned since.
   */
  void suspect(int groupId, String grpcAddress) {
    suspects.put(groupId, grpcAddress);
    leaderByGroup.remove(groupId, grpcAddress);
  }

  /** Cycles through the replicas after the leader we knew failed. */
  String rotate(GroupInfo g, int attempt) {
    List<Replica> replicas = g.getReplicasList();
    return grpcByNode.get(replicas.get(Math.floorMod(attempt, replicas.size())).getNodeId());
  }

  void learnLeader(int groupId, String grpcAddress) {
    if (grpcAddress == null || grpcAddress.isEmpty()) {
      leaderByGroup.remove(groupId);
    } else {
      leaderByGroup.put(groupId, grpcAddress);
      suspects.remove(groupId);
    }
  }

  void forgetLeader(int groupId, String grpcAddress) {
    leaderByGroup.remove(groupId, grpcAddress);
  }
}
