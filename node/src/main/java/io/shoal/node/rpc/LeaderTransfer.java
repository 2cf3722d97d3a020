package io.shoal.node.rpc;

import io.shoal.node.cluster.NodeDirectory;
import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.TransferLeaderRequest;
import io.shoal.proto.TransferLeaderResponse;
import java.util.List;
import java.util.Optional;

/**
 * {@code NodeService/TransferLeader}: starts moving a data group's leadership from this node to another replica.
 * Only the leader can do that; a follower answers NOT_LEADER with the leader's gRPC address. A target that is not a
 * replica of the group is a VALIDATION error; jraft refusing (a transfer already running, the target too far
 * behind) is BUSY, so a caller may retry.
 */
final class LeaderTransfer {
  private final String nodeId;
  private final RaftHost host;
  private final NodeDirectory directory;

  LeaderTransfer(String nodeId, RaftHost host, NodeDirectory directory) {
    this.nodeId = nodeId;
    this.host = host;
    this.directory = directory;
  }

  TransferLeaderResponse transfer(TransferLeaderRequest req) {
    try {
      return start(req);
    } catch (IllegalStateException lostLeadership) {
      // jraft's listPeers/listAlivePeers throw once this node stopped leading between the check and the call
      return error(Errors.notLeader(null));
    }
  }

  private TransferLeaderResponse start(TransferLeaderRequest req) {
    DataReplica r = host.dataReplica(req.getGroupId());
    if (r == null) {
      return error(Errors.of(ErrorCode.GROUP_NOT_FOUND, "group " + req.getGroupId() + " is not hosted on " + nodeId));
    }
    if (!r.isLeader()) {
      return error(Errors.notLeader(directory.byRaftAddress(r.leaderRaftAddress()).map(NodeInfo::getGrpcAddress)
          .orElse(null)));
    }
    String to = req.getToNodeId();
    if (to.equals(nodeId)) {
      return TransferLeaderResponse.newBuilder().setToNodeId(nodeId).build();
    }
    String self = directory.byId(nodeId).map(NodeInfo::getRaftAddress).orElse(null);
    Optional<String> target = to.isEmpty() ? anyOther(r.alivePeers(), self)
        : directory.byId(to).map(NodeInfo::getRaftAddress).filter(a -> r.peers().contains(a));
    if (target.isEmpty()) {
      return error(Errors.of(ErrorCode.VALIDATION, to.isEmpty()
          ? "group " + req.getGroupId() + " has no other live replica to lead"
          : to + " is not a known replica of group " + req.getGroupId()));
    }
    Optional<String> refused = r.transferLeadership(target.get());
    if (refused.isPresent()) {
      return error(Errors.of(ErrorCode.BUSY, "group " + req.getGroupId() + ": transfer refused: " + refused.get()));
    }
    String toId = directory.byRaftAddress(target.get()).map(NodeInfo::getId).orElse(target.get());
    return TransferLeaderResponse.newBuilder().setToNodeId(toId).build();
  }

  private static Optional<String> anyOther(List<String> alive, String self) {
    return alive.stream().filter(a -> !a.equals(self)).findFirst();
  }

  private static TransferLeaderResponse error(io.shoal.proto.RpcError e) {
    return TransferLeaderResponse.newBuilder().setError(e).build();
  }
}
