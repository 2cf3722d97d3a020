package io.shoal.node.rpc;

import io.grpc.stub.StreamObserver;
import io.shoal.node.cluster.NodeDirectory;
import io.shoal.node.meta.Liveness;
import io.shoal.node.meta.MetaResult;
import io.shoal.node.meta.MetaState;
import io.shoal.node.meta.TableDropper;
import io.shoal.node.meta.TableStatsBoard;
import io.shoal.node.raft.MetaReplica;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.CreateTableCommand;
import io.shoal.proto.DeleteTableCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.HeartbeatRequest;
import io.shoal.proto.HeartbeatResponse;
import io.shoal.proto.MetaAlterTableRequest;
import io.shoal.proto.MetaAlterTableResponse;
import io.shoal.proto.MetaCommand;
import io.shoal.proto.MetaCreateTableRequest;
import io.shoal.proto.MetaCreateTableResponse;
import io.shoal.proto.MetaDeleteTableRequest;
import io.shoal.proto.MetaDeleteTableResponse;
import io.shoal.proto.MetaGetTableRequest;
import io.shoal.proto.MetaGetTableResponse;
import io.shoal.proto.MetaListTablesRequest;
import io.shoal.proto.MetaListTablesResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.RegisterNodeCommand;
import io.shoal.proto.RpcError;
import io.shoal.proto.TableInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Catalog operations, answered by the metadata group's leader. Other replicas answer NOT_LEADER with the leader's
 * gRPC address, so callers find the leader in one hop. Reads pass a ReadIndex barrier, so a table is visible to
 * DescribeTable as soon as CreateTable returned.
 */
public final class MetaRpc extends MetaServiceGrpc.MetaServiceImplBase {
  private final MetaReplica replica;
  private final NodeDirectory directory;
  private final Liveness liveness;
  private final TableDropper dropper;
  private final io.shoal.node.meta.IndexBoard indexBoard = new io.shoal.node.meta.IndexBoard();
  private final java.util.Set<Long> activating = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final TableStatsBoard stats;
  private final LongSupplier clockMillis;

  public MetaRpc(MetaReplica replica, NodeDirectory directory, Liveness liveness, TableDropper dropper,
      TableStatsBoard stats, LongSupplier clockMillis) {
    this.replica = replica;
    this.directory = directory;
    this.liveness = liveness;
    this.dropper = dropper;
    this.stats = stats;
    this.clockMillis = clockMillis;
  }

  private MetaState state() {
    return replica.state();
  }

  private String leaderGrpc() {
    String raft = replica.leaderRaftAddress();
    if (raft == null) {
      return null;
    }
    Optional<NodeInfo> n = directory.byRaftAddress(raft);
    if (n.isEmpty()) {
      n = state().nodes().stream().filter(x -> x.getRaftAddress().equals(raft)).findFirst();
    }
    return n.map(NodeInfo::getGrpcAddress).orElse(null);
  }

  /** Runs {@code body} if this replica leads, else answers NOT_LEADER through {@code onError}. */
  private boolean leading(Consumer<RpcError> onError) {
    if (replica.isLeader()) {
      return true;
    }
    onError.accept(Errors.notLeader(leaderGrpc()));
    return false;
  }

  private CompletableFuture<MetaResult> propose(MetaCommand.Builder cmd) {
    return replica.propose(cmd.setVersion(CommandVersion.V1).build());
  }

  @Override
  public void createTable(MetaCreateTableRequest req, StreamObserver<MetaCreateTableResponse> out) {
    if (!leading(e -> reply(out, MetaCreateTableResponse.newBuilder().setError(e).build()))) {
      return;
    }
    MetaCommand.Builder cmd = MetaCommand.newBuilder().setCreateTable(CreateTableCommand.newBuilder()
        .setTable(req.getTable().toBuilder().setCreatedAtMs(clockMillis.getAsLong())));
    propose(cmd).whenComplete((res, t) -> {
      MetaCreateTableResponse.Builder b = MetaCreateTableResponse.newBuilder();
      if (t != null) {
        b.setError(Errors.fromThrowable(t, leaderGrpc()));
      } else if (!res.isOk()) {
        b.setError(Errors.of(res.error(), res.message()));
      } else {
        b.setTable(res.table());
      }
      reply(out, b.build());
    });
  }

  @Override
  public void deleteTable(MetaDeleteTableRequest req, StreamObserver<MetaDeleteTableResponse> out) {
    if (!leading(e -> reply(out, MetaDeleteTableResponse.newBuilder().setError(e).build()))) {
      return;
    }
    MetaCommand.Builder cmd = MetaCommand.newBuilder()
        .setDeleteTable(DeleteTableCommand.newBuilder().setName(req.getName()));
    propose(cmd).whenComplete((res, t) -> {
      MetaDeleteTableResponse.Builder b = MetaDeleteTableResponse.newBuilder();
      if (t != null) {
        b.setError(Errors.fromThrowable(t, leaderGrpc()));
      } else if (!res.isOk()) {
        b.setError(Errors.of(res.error(), res.message()));
      } else {
        b.setTable(res.table());
        dropper.dropEverywhere(res.table().getId(), state().partitionMap());
        // Index entries live under their own ids, in every group.
        res.table().getIndexesList().forEach(i -> dropper.dropEverywhere(i.getId(), state().partitionMap()));
      }
      reply(out, b.build());
    });
  }

  @Override
  public void alterTable(MetaAlterTableRequest req, StreamObserver<MetaAlterTableResponse> out) {
    if (!leading(e -> reply(out, MetaAlterTableResponse.newBuilder().setError(e).build()))) {
      return;
    }
    // The clock is read here, at the edge; apply only copies the time from the command.
    MetaCommand.Builder cmd = MetaCommand.newBuilder()
        .setAlterTable(req.getAlter().toBuilder().setAtMs(clockMillis.getAsLong()));
    java.util.List<io.shoal.proto.IndexInfo> indexesBefore = state().table(req.getAlter().getName())
        .map(TableInfo::getIndexesList).orElse(java.util.List.of());
    propose(cmd).whenComplete((res, t) -> {
      MetaAlterTableResponse.Builder b = MetaAlterTableResponse.newBuilder();
      if (t != null) {
        b.setError(Errors.fromThrowable(t, leaderGrpc()));
      } else if (!res.isOk()) {
        b.setError(Errors.of(res.error(), res.message()));
      } else {
        b.setTable(stats.withTotals(res.table()));
        dropRemovedIndexes(indexesBefore, res.table());
      }
      reply(out, b.build());
    });
  }

  /** A deleted GSI's entries are dropped from every group once it has left the catalog. */
  private void dropRemovedIndexes(java.util.List<io.shoal.proto.IndexInfo> before, TableInfo after) {
    java.util.Set<Long> kept = new java.util.HashSet<>();
    after.getIndexesList().forEach(i -> kept.add(i.getId()));
    before.stream().filter(i -> !kept.contains(i.getId()))
        .forEach(i -> dropper.dropEverywhere(i.getId(), state().partitionMap()));
  }

  private void afterBarrier(Consumer<RpcError> onError, Runnable body) {
    if (!leading(onError)) {
      return;
    }
    replica.readBarrier().whenComplete((v, t) -> {
      if (t != null) {
        onError.accept(Errors.fromThrowable(t, leaderGrpc()));
      } else {
        body.run();
      }
    });
  }

  @Override
  public void getTable(MetaGetTableRequest req, StreamObserver<MetaGetTableResponse> out) {
    afterBarrier(e -> reply(out, MetaGetTableResponse.newBuilder().setError(e).build()), () -> {
      MetaGetTableResponse.Builder b = MetaGetTableResponse.newBuilder();
      state().table(req.getName()).map(stats::withTotals).ifPresentOrElse(b::setTable,
          () -> b.setError(Errors.of(ErrorCode.TABLE_NOT_FOUND, "Requested resource not found")));
      reply(out, b.build());
    });
  }

  @Override
  public void listTables(MetaListTablesRequest req, StreamObserver<MetaListTablesResponse> out) {
    afterBarrier(e -> reply(out, MetaListTablesResponse.newBuilder().setError(e).build()),
        () -> reply(out, MetaListTablesResponse.newBuilder()
            .addAllTables(state().tables().stream().map(stats::withTotals).toList()).build()));
  }

  @Override
  public void getClusterView(ClusterViewRequest req, StreamObserver<ClusterViewResponse> out) {
    if (!leading(e -> reply(out, ClusterViewResponse.newBuilder().setError(e).build()))) {
      return;
    }
    reply(out, ClusterViewResponse.newBuilder().setView(view()).build());
  }

  private ClusterView view() {
    ClusterView.Builder v = ClusterView.newBuilder().setPartitionMap(state().partitionMap())
        .addAllLeaders(liveness.leaders()).addAllIndexLag(indexBoard.lag(state().tables(), state().partitionMap()));
    for (NodeInfo n : state().nodes()) {
      v.addNodes(NodeStatus.newBuilder().setNode(n).setAlive(liveness.isAlive(n.getId()))
          .setLastHeartbeatMs(liveness.lastSeen(n.getId())));
      if (n.getRaftAddress().equals(replica.leaderRaftAddress())) {
        v.setMetaLeader(n.getId());
      }
    }
    return v.build();
  }

  @Override
  public void heartbeat(HeartbeatRequest req, StreamObserver<HeartbeatResponse> out) {
    if (!leading(e -> reply(out, HeartbeatResponse.newBuilder().setError(e).build()))) {
      return;
    }
    NodeInfo reported = req.getNode();
    liveness.heartbeat(reported.getId(), req.getLeadingList());
    stats.report(req.getLeadingList(), req.getTotalsList());
    indexBoard.report(req.getLeadingList(), req.getIndexProgressList());
    activateBackfilledIndexes();
    Optional<NodeInfo> known = state().node(reported.getId());
    boolean same = known.isPresent()
        && known.get().toBuilder().clearRegisteredAtMs().build().equals(reported.toBuilder().clearRegisteredAtMs().build());
    if (same) {
      reply(out, heartbeatAnswer());
      return;
    }
    NodeInfo toRegister = reported.toBuilder()
        .setRegisteredAtMs(known.map(NodeInfo::getRegisteredAtMs).orElse(clockMillis.getAsLong())).build();
    propose(MetaCommand.newBuilder().setRegisterNode(RegisterNodeCommand.newBuilder().setNode(toRegister)))
        .whenComplete((res, t) -> {
          if (t != null) {
            reply(out, HeartbeatResponse.newBuilder().setError(Errors.fromThrowable(t, leaderGrpc())).build());
          } else {
            reply(out, heartbeatAnswer());
          }
        });
  }

  private HeartbeatResponse heartbeatAnswer() {
    // The id counter is read before the tables: an index created in between then has an id at or above it and
    // still counts as live for change-log trimming.
    HeartbeatResponse.Builder b = HeartbeatResponse.newBuilder().setNextTableId(state().nextTableId())
        .setPartitionMap(state().partitionMap()).addAllNodes(state().nodes());
    for (TableInfo t : state().tables()) {
      if (t.getIndexesList().stream().anyMatch(i -> i.getKind() == io.shoal.proto.IndexInfo.Kind.GLOBAL)) {
        b.addIndexedTables(t);
      }
    }
    return b.build();
  }

  /** A new GSI becomes ACTIVE once every group reported its backfill done (one proposal in flight per index). */
  private void activateBackfilledIndexes() {
    for (TableInfo t : state().tables()) {
      for (io.shoal.proto.IndexInfo i : t.getIndexesList()) {
        if (i.getStatus() != io.shoal.proto.IndexInfo.Status.CREATING
            || !indexBoard.backfilledEverywhere(i.getId(), state().partitionMap()) || !activating.add(i.getId())) {
          continue;
        }
        propose(MetaCommand.newBuilder().setAlterTable(io.shoal.proto.AlterTableCommand.newBuilder()
            .setName(t.getName()).setAtMs(clockMillis.getAsLong())
            .setIndexActivated(io.shoal.proto.IndexActivatedChange.newBuilder().setIndexId(i.getId()))))
            .whenComplete((res, e) -> activating.remove(i.getId()));
      }
    }
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }
}
