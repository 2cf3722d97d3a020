package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import io.shoal.node.meta.MetaResult;
import io.shoal.node.meta.MetaState;
import io.shoal.proto.MetaCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** This node's replica of the metadata group. */
public final class MetaReplica extends Replica<MetaResult> {
  private final MetaFsm fsm;
  private final MetaState state;

  MetaReplica(Node node, MetaFsm fsm, MetaState state, LeaderLease lease, Executor leaseAnswers) {
    super(node, lease, leaseAnswers);
    this.fsm = fsm;
    this.state = state;
  }

  public MetaState state() {
    return state;
  }

  @Override
  public long leaderTerm() {
    return fsm.leaderTerm();
  }

  public CompletableFuture<MetaResult> propose(MetaCommand command) {
    return proposeBytes(command.toByteArray());
  }
}
