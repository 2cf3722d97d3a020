package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import io.shoal.node.group.ApplyResult;
import io.shoal.node.group.GroupStateMachine;
import io.shoal.proto.DataCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A data group replica on this node. */
public final class DataReplica extends Replica<ApplyResult> {
  private final DataGroupFsm fsm;

  DataReplica(Node node, DataGroupFsm fsm, LeaderLease lease, Executor leaseAnswers) {
    super(node, lease, leaseAnswers);
    this.fsm = fsm;
  }

  public int groupId() {
    return fsm.state().range().groupId();
  }

  public GroupStateMachine state() {
    return fsm.state();
  }

  /** Raft snapshots this replica installed over its own state (it was too far behind for the log). */
  public long snapshotsInstalled() {
    return fsm.snapshots().installs();
  }

  public long snapshotsSaved() {
    return fsm.snapshots().saves();
  }

  @Override
  public long leaderTerm() {
    return fsm.leaderTerm();
  }

  public CompletableFuture<ApplyResult> propose(DataCommand command) {
    return proposeBytes(command.toByteArray());
  }
}
