package io.shoal.node.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.StreamObserver;
import io.shoal.core.hlc.HybridClock;
import io.shoal.core.item.ItemSize;
import io.shoal.node.cluster.GroupManager;
import io.shoal.node.cluster.NodeDirectory;
import io.shoal.node.group.ApplyResult;
import io.shoal.node.group.GroupDigest;
import io.shoal.node.group.RangeQuery;
import io.shoal.node.group.RangeReader;
import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.proto.ChangeLogRequest;
import io.shoal.proto.ChangeLogResponse;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.IndexWriteRequest;
import io.shoal.proto.IndexWriteResponse;
import io.shoal.proto.DeleteItemCommand;
import io.shoal.proto.DropTableCommand;
import io.shoal.proto.DropTableRequest;
import io.shoal.proto.DropTableResponse;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.GroupDigestRequest;
import io.shoal.proto.GroupDigestResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.PutItemCommand;
import io.shoal.proto.UpdateItemCommand;
import io.shoal.proto.EncodedRangeItem;
import io.shoal.proto.EncodedRangeReadResponse;
import io.shoal.proto.EncodedReadResponse;
import io.shoal.proto.RangeReadRequest;
import io.shoal.proto.ReadRequest;
import io.shoal.proto.RpcError;
import io.shoal.proto.TransferLeaderRequest;
import io.shoal.proto.TransferLeaderResponse;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Item reads and writes for routers. Writes go through the group's leader; reads may use any replica. */
public final class NodeRpc extends NodeServiceGrpc.NodeServiceImplBase {
  private final String nodeId;
  private final String origin;
  private final RaftHost host;
  private final GroupManager groups;
  private final NodeDirectory directory;
  private final HybridClock clock;
  private final boolean ackBeforeCommit;
  private final LeaderTransfer leaderTransfer;

  public NodeRpc(String nodeId, String origin, RaftHost host, GroupManager groups, NodeDirectory directory,
      HybridClock clock) {
    this(nodeId, origin, host, groups, directory, clock, false);
  }

  /**
   * @param ackBeforeCommit a deliberately broken mode for the chaos suite only: acknowledge a write as soon as it is
   *     proposed, before a majority has it. It exists to show that the drills' checkers catch lost acknowledged
   *     writes; never set it anywhere else.
   */
  public NodeRpc(String nodeId, String origin, RaftHost host, GroupManager groups, NodeDirectory directory,
      HybridClock clock, boolean ackBeforeCommit) {
    this.ackBeforeCommit = ackBeforeCommit;
    this.nodeId = nodeId;
    this.origin = origin;
    this.host = host;
    this.groups = groups;
    this.directory = directory;
    this.clock = clock;
    this.leaderTransfer = new LeaderTransfer(nodeId, host, directory);
  }

  private String leaderGrpc(DataReplica r) {
    return directory.byRaftAddress(r.leaderRaftAddress()).map(n -> n.getGrpcAddress()).orElse(null);
  }

  /** Returns an error when this node cannot take a leader-only request for the group at that epoch. */
  private RpcError checkLeader(int groupId, long epoch, DataReplica r) {
    if (r == null) {
      return Errors.of(ErrorCode.GROUP_NOT_FOUND, "group " + groupId + " is not hosted on " + nodeId);
    }
    if (!r.isLeader()) {
      return Errors.notLeader(leaderGrpc(r));
    }
    Optional<GroupInfo> g = groups.hostedGroup(groupId);
    if (g.isPresent() && epoch != 0 && g.get().getEpoch() != epoch) {
      return Errors.of(ErrorCode.EPOCH_MISMATCH, "group " + groupId + " is at epoch " + g.get().getEpoch());
    }
    return null;
  }

  @Override
  public void write(WriteRequest req, StreamObserver<WriteResponse> out) {
    DataReplica r = host.dataReplica(req.getGroupId());
    RpcError err = checkLeader(req.getGroupId(), req.getGroupEpoch(), r);
    if (err != null) {
      reply(out, WriteResponse.newBuilder().setError(err).build());
      return;
    }
    clock.observe(r.state().lastHlc());
    DataCommand.Builder cmd = DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(clock.now())
        .setOrigin(origin).setGroupEpoch(req.getGroupEpoch());
    if (req.hasIndexes()) {
      cmd.setIndexes(req.getIndexes());
    }
    switch (req.getOpCase()) {
      case PUT: {
        PutItemCommand.Builder put = PutItemCommand.newBuilder().setTableId(req.getTableId()).setKey(req.getKey())
            .setItem(req.getPut());
        if (req.hasCondition()) {
          put.setCondition(req.getCondition());
        }
        cmd.setPut(put);
        break;
      }
      case UPDATE_KEY: {
        UpdateItemCommand.Builder update = UpdateItemCommand.newBuilder().setTableId(req.getTableId())
            .setKey(req.getKey()).setKeyAttributes(req.getUpdateKey());
        if (req.hasUpdate()) {
          update.setUpdate(req.getUpdate());
        }
        if (req.hasCondition()) {
          update.setCondition(req.getCondition());
        }
        cmd.setUpdate(update);
        break;
      }
      default: {
        DeleteItemCommand.Builder delete = DeleteItemCommand.newBuilder().setTableId(req.getTableId())
            .setKey(req.getKey());
        if (req.hasCondition()) {
          delete.setCondition(req.getCondition());
        }
        cmd.setDelete(delete);
      }
    }
    CompletableFuture<ApplyResult> proposed = r.propose(cmd.build());
    if (ackBeforeCommit) {
      reply(out, WriteResponse.newBuilder().build());
      return;
    }
    proposed.whenComplete((res, t) -> {
      WriteResponse.Builder b = WriteResponse.newBuilder();
      if (t != null) {
        b.setError(Errors.fromThrowable(t, leaderGrpc(r)));
      } else if (!res.isOk()) {
        b.setError(Errors.of(res.error(), res.message()));
        if (res.error() == ErrorCode.CONDITION_FAILED && req.getReturnOld() && res.oldItem() != null) {
          b.setHadOld(true).setOldItem(res.oldItem());
        }
      } else {
        b.setSeq(res.seq());
        b.setOldSize(res.oldItemSize());
        b.setNewSize(res.newItem() == null ? 0 : ItemSize.of(res.newItem()));
        b.setItemCollectionSize(res.itemCollectionSize());
        if (req.getReturnOld() && res.oldItem() != null) {
          b.setHadOld(true).setOldItem(res.oldItem());
        }
        if (req.getReturnNew() && res.newItem() != null) {
          b.setHadNew(true).setNewItem(res.newItem());
        }
      }
      reply(out, b.build());
    });
  }

  /**
   * Read, answered with the stored version's bytes as they are (bound by {@link EncodedReads}; routers read the
   * answer as a ReadResponse).
   */
  void readEncoded(ReadRequest req, StreamObserver<EncodedReadResponse> out) {
    DataReplica r = host.dataReplica(req.getGroupId());
    if (r == null) {
      reply(out, EncodedReadResponse.newBuilder()
          .setError(notHosted(req.getGroupId())).build());
      return;
    }
    Runnable serve = () -> {
      EncodedReadResponse.Builder b = EncodedReadResponse.newBuilder();
      if (r.state().isDropped(req.getTableId())) {
        b.setError(Errors.of(ErrorCode.TABLE_NOT_FOUND, "table was deleted"));
      } else {
        // RocksDB hands over a fresh array that nothing else holds, so it can be wrapped rather than copied.
        r.state().readEncoded(req.getTableId(), req.getKey().toByteArray())
            .ifPresent(v -> b.setFound(true).setVersion(UnsafeByteOperations.unsafeWrap(v)));
      }
      reply(out, b.build());
    };
    afterReadBarrier(r, req.getConsistent(), serve,
        e -> reply(out, EncodedReadResponse.newBuilder().setError(e).build()));
  }

  /** ReadRange, answered with the stored items' bytes as they are (bound by {@link EncodedReads}). */
  void readRangeEncoded(RangeReadRequest req, StreamObserver<EncodedRangeReadResponse> out) {
    DataReplica r = host.dataReplica(req.getGroupId());
    if (r == null) {
      reply(out, EncodedRangeReadResponse.newBuilder()
          .setError(notHosted(req.getGroupId())).build());
      return;
    }
    Runnable serve = () -> {
      if (r.state().isDropped(req.getTableId())) {
        reply(out, EncodedRangeReadResponse.newBuilder()
            .setError(Errors.of(ErrorCode.TABLE_NOT_FOUND, "table was deleted")).build());
        return;
      }
      RangeReader.Result res;
      try {
        res = r.state().readRange(toQuery(req));
      } catch (IllegalArgumentException e) {
        reply(out, EncodedRangeReadResponse.newBuilder()
            .setError(Errors.of(ErrorCode.EPOCH_MISMATCH, e.getMessage())).build());
        return;
      }
      EncodedRangeReadResponse.Builder b = EncodedRangeReadResponse.newBuilder().setTruncated(res.truncated())
          .setBytesRead(res.bytesRead());
      for (RangeReader.Row row : res.rows()) {
        b.addItems(EncodedRangeItem.newBuilder().setKey(UnsafeByteOperations.unsafeWrap(row.itemKey()))
            .setItem(row.itemBytes()));
      }
      reply(out, b.build());
    };
    afterReadBarrier(r, req.getConsistent(), serve,
        e -> reply(out, EncodedRangeReadResponse.newBuilder().setError(e).build()));
  }

  private static RangeQuery toQuery(RangeReadRequest req) {
    byte[] pk = req.getPartitionKey().isEmpty() ? null : req.getPartitionKey().toByteArray();
    return new RangeQuery(req.getTableId(), pk,
        req.hasLower() ? req.getLower().getKey().toByteArray() : null, req.getLower().getInclusive(),
        req.hasUpper() ? req.getUpper().getKey().toByteArray() : null, req.getUpper().getInclusive(),
        req.getDescending(), req.getExclusiveStart().isEmpty() ? null : req.getExclusiveStart().toByteArray(),
        req.getHashBounded() ? req.getHashStart() : null, req.getHashBounded() ? req.getHashEnd() : null,
        req.getLimit(), req.getMaxBytes(), req.getHashTableId() != 0 ? req.getHashTableId() : req.getTableId());
  }

  /** A GSI entry batch from a base group's leader, proposed in this (index) group. */
  @Override
  public void writeIndex(IndexWriteRequest req, StreamObserver<IndexWriteResponse> out) {
    DataReplica r = host.dataReplica(req.getGroupId());
    RpcError err = checkLeader(req.getGroupId(), req.getGroupEpoch(), r);
    if (err != null) {
      reply(out, IndexWriteResponse.newBuilder().setError(err).build());
      return;
    }
    clock.observe(r.state().lastHlc());
    DataCommand cmd = DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(clock.now()).setOrigin(origin)
        .setGroupEpoch(req.getGroupEpoch()).setIndexWrite(req.getBatch()).build();
    r.propose(cmd).whenComplete((res, t) -> {
      IndexWriteResponse.Builder b = IndexWriteResponse.newBuilder();
      if (t != null) {
        b.setError(Errors.fromThrowable(t, leaderGrpc(r)));
      } else if (!res.isOk()) {
        b.setError(Errors.of(res.error(), res.message()));
      }
      reply(out, b.build());
    });
  }

  @Override
  public void dropTable(DropTableRequest req, StreamObserver<DropTableResponse> out) {
    DataReplica r = host.dataReplica(req.getGroupId());
    RpcError err = checkLeader(req.getGroupId(), 0, r);
    if (err != null) {
      reply(out, DropTableResponse.newBuilder().setError(err).build());
      return;
    }
    DataCommand cmd = DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(clock.now()).setOrigin(origin)
        .setDropTable(DropTableCommand.newBuilder().setTableId(req.getTableId())).build();
    r.propose(cmd).whenComplete((res, t) -> {
      DropTableResponse.Builder b = DropTableResponse.newBuilder();
      if (t != null) {
        b.setError(Errors.fromThrowable(t, leaderGrpc(r)));
      }
      reply(out, b.build());
    });
  }

  @Override
  public void groupDigest(GroupDigestRequest req, StreamObserver<GroupDigestResponse> out) {
    DataReplica r = host.dataReplica(req.getGroupId());
    if (r == null) {
      reply(out, GroupDigestResponse.newBuilder()
          .setError(notHosted(req.getGroupId())).build());
      return;
    }
    GroupDigest.Result d = GroupDigest.compute(r.state());
    reply(out, GroupDigestResponse.newBuilder().setGroupId(req.getGroupId()).setNodeId(nodeId)
        .setAppliedIndex(d.appliedIndex()).setLastSeq(d.lastSeq()).setChecksum(d.checksum())
        .setItemCount(d.itemCount()).build());
  }

  @Override
  public void readChangeLog(ChangeLogRequest req, StreamObserver<ChangeLogResponse> out) {
    DataReplica r = host.dataReplica(req.getGroupId());
    if (r == null) {
      reply(out, ChangeLogResponse.newBuilder()
          .setError(notHosted(req.getGroupId())).build());
      return;
    }
    int limit = Math.max(1, Math.min(req.getLimit(), 10_000));
    List<ChangeRecord> records = null;
    while (records == null) {
      long start = r.state().logStart();
      try {
        records = r.state().changes(Math.max(start, req.getFromSeq()), limit);
      } catch (io.shoal.node.storage.StorageException e) {
        if (r.state().logStart() == start) {
          throw e;
        }
        // A trim committed between reading the start and the scan: read again from the new start.
      }
    }
    // Read after the scan: a trim during it moved the start past what the scan could have missed.
    ChangeLogResponse.Builder b = ChangeLogResponse.newBuilder().setLogStart(r.state().logStart());
    for (ChangeRecord c : records) {
      b.addRecords(ByteString.copyFrom(c.toByteArray()));
    }
    reply(out, b.build());
  }

  @Override
  public void transferLeader(TransferLeaderRequest req, StreamObserver<TransferLeaderResponse> out) {
    reply(out, leaderTransfer.transfer(req));
  }

  private static RpcError notHosted(int groupId) {
    return Errors.of(ErrorCode.GROUP_NOT_FOUND, "group " + groupId + " is not hosted here");
  }

  /** Runs {@code serve} at once for an eventually consistent read, else after a Raft ReadIndex barrier. */
  private void afterReadBarrier(DataReplica r, boolean consistent, Runnable serve,
      java.util.function.Consumer<RpcError> onError) {
    if (!consistent) {
      serve.run();
      return;
    }
    r.readBarrier().whenComplete((v, t) -> {
      if (t != null) {
        onError.accept(Errors.forRead(t, leaderGrpc(r)));
      } else {
        serve.run();
      }
    });
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }

}
