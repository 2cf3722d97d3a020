package io.shoal.node.index;

import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.node.cluster.NodeDirectory;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.IndexEntryOp;
import io.shoal.proto.IndexWriteCommand;
import io.shoal.proto.IndexWriteRequest;
import io.shoal.proto.IndexWriteResponse;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;
import io.shoal.proto.RpcError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends index entry batches to the groups that own them: splits a batch by the owning group (the hash of the entry's
 * partition key with the index id), finds each group's leader through the replicas and NOT_LEADER hints, and reports
 * the first error. Every batch is idempotent at the target (high-water mark), so any failure is simply retried.
 */
public final class IndexTargets {
  /** Outcome of shipping one batch to all its groups: null error when every group applied it. */
  public record Outcome(RpcError error) {
    public boolean ok() {
      return error == null;
    }

    /** The target refused us as an older leader of the source group: we were deposed. */
    public boolean deposed() {
      return error != null && error.getCode() == ErrorCode.EPOCH_MISMATCH && error.getMessage().contains("term");
    }
  }

  private final Supplier<PartitionMap> map;
  private final NodeDirectory directory;
  private final Map<Integer, String> leaderHints = new ConcurrentHashMap<>();
  private final ExecutorService senders;

  public IndexTargets(Supplier<PartitionMap> map, NodeDirectory directory, ExecutorService senders) {
    this.map = map;
    this.directory = directory;
    this.senders = senders;
  }

  /** Ships {@code batch}'s ops to their groups, concurrently; completes when every group answered. */
  public Outcome ship(IndexWriteCommand batch) {
    PartitionMap m = map.get();
    Map<GroupInfo, List<IndexEntryOp>> byGroup = new LinkedHashMap<>();
    for (IndexEntryOp op : batch.getOpsList()) {
      long hash = PartitionHash.hash(batch.getIndexId(), KeyCodec.pkOf(op.getKey().toByteArray()));
      GroupInfo g = owner(m, hash).orElse(null);
      if (g == null) {
        return new Outcome(RpcError.newBuilder().setCode(ErrorCode.GROUP_NOT_FOUND)
            .setMessage("no group owns hash " + Long.toUnsignedString(hash)).build());
      }
      byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(op);
    }
    if (byGroup.isEmpty() && !batch.getBackfill()) {
      return new Outcome(null);
    }
    List<CompletableFuture<RpcError>> sends = new ArrayList<>();
    for (Map.Entry<GroupInfo, List<IndexEntryOp>> e : byGroup.entrySet()) {
      IndexWriteCommand part = batch.toBuilder().clearOps().addAllOps(e.getValue()).build();
      sends.add(CompletableFuture.supplyAsync(() -> send(e.getKey(), part), senders));
    }
    for (CompletableFuture<RpcError> f : sends) {
      RpcError err = f.join();
      if (err != null) {
        return new Outcome(err);
      }
    }
    return new Outcome(null);
  }

  private RpcError send(GroupInfo g, IndexWriteCommand part) {
    IndexWriteRequest req = IndexWriteRequest.newBuilder().setGroupId(g.getId()).setGroupEpoch(g.getEpoch())
        .setBatch(part).build();
    List<String> candidates = new ArrayList<>();
    String hint = leaderHints.get(g.getId());
    if (hint != null) {
      candidates.add(hint);
    }
    for (Replica r : g.getReplicasList()) {
      directory.byId(r.getNodeId()).map(n -> n.getGrpcAddress()).filter(a -> !candidates.contains(a))
          .ifPresent(candidates::add);
    }
    RpcError last = RpcError.newBuilder().setCode(ErrorCode.NOT_LEADER).setMessage("no replica answered").build();
    for (int i = 0; i < candidates.size() && i < 6; i++) {
      String addr = candidates.get(i);
      try {
        IndexWriteResponse resp = NodeServiceGrpc.newBlockingStub(directory.channel(addr))
            .withDeadlineAfter(5, TimeUnit.SECONDS).writeIndex(req);
        if (!resp.hasError()) {
          leaderHints.put(g.getId(), addr);
          return null;
        }
        last = resp.getError();
        if (last.getCode() == ErrorCode.NOT_LEADER && !last.getLeaderHint().isEmpty()
            && !candidates.contains(last.getLeaderHint())) {
          candidates.add(i + 1, last.getLeaderHint());
        } else if (last.getCode() != ErrorCode.NOT_LEADER && last.getCode() != ErrorCode.GROUP_NOT_FOUND) {
          return last;
        }
      } catch (RuntimeException e) {
        last = RpcError.newBuilder().setCode(ErrorCode.TIMEOUT).setMessage(e.toString()).build();
      }
    }
    leaderHints.remove(g.getId());
    return last;
  }

  static Optional<GroupInfo> owner(PartitionMap m, long hash) {
    for (GroupInfo g : m.getGroupsList()) {
      boolean afterStart = Long.compareUnsigned(hash, g.getHashStart()) >= 0;
      boolean beforeEnd = g.getHashEnd() == 0 || Long.compareUnsigned(hash, g.getHashEnd()) < 0;
      if (afterStart && beforeEnd) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
