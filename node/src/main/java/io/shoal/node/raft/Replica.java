package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Common handle on one group replica hosted by this node: proposals, read barriers, leadership. */
public abstract class Replica<R> {
  protected final Node node;

  Replica(Node node) {
    this.node = node;
  }

  public String groupName() {
    return node.getGroupId();
  }

  public boolean isLeader() {
    return node.isLeader();
  }

  /** host:port of the current leader's Raft endpoint, or null while unknown. */
  public String leaderRaftAddress() {
    PeerId leader = node.getLeaderId();
    return leader == null || leader.isEmpty() ? null : leader.getEndpoint().toString();
  }

  public abstract long leaderTerm();

  public List<String> peers() {
    return node.listPeers().stream().map(p -> p.getEndpoint().toString()).collect(Collectors.toList());
  }

  public List<String> alivePeers() {
    if (!node.isLeader()) {
      return List.of();
    }
    return node.listAlivePeers().stream().map(p -> p.getEndpoint().toString()).collect(Collectors.toList());
  }

  public long lastLogIndex() {
    return node.getLastLogIndex();
  }

  /**
   * The highest log index this replica knows to be committed. On a follower it is bounded by its own log: a replica
   * still fetching a long log from the leader sees only the part it has.
   */
  public long committedIndex() {
    return node.getLastCommittedIndex();
  }

  /** The highest log index this replica's state machine has applied. */
  public long appliedIndex() {
    return node.getLastAppliedLogIndex();
  }

  /** Proposes an encoded command; completes with the state machine's result once a majority committed it. */
  protected CompletableFuture<R> proposeBytes(byte[] command) {
    WriteClosure<R> closure = new WriteClosure<>();
    node.apply(new Task(ByteBuffer.wrap(command), closure));
    return closure.future();
  }

  /**
   * Completes once this replica has applied everything committed before the call (Raft ReadIndex): a read served
   * after it is linearizable, on the leader or a follower.
   */
  public CompletableFuture<Void> readBarrier() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    node.readIndex(new byte[0], new ReadIndexClosure() {
      @Override
      public void run(Status status, long index, byte[] reqCtx) {
        if (status.isOk()) {
          f.complete(null);
        } else {
          f.completeExceptionally(new RaftException(status.getCode(), status.getErrorMsg()));
        }
      }
    });
    return f;
  }

  public boolean transferLeadershipTo(String raftAddress) {
    return transferLeadership(raftAddress).isEmpty();
  }

  /** Starts a leadership transfer; empty when jraft accepted it, else jraft's reason (e.g. not the leader, busy). */
  public Optional<String> transferLeadership(String raftAddress) {
    PeerId peer = PeerId.parsePeer(raftAddress);
    Status st = node.transferLeadershipTo(peer);
    return st.isOk() ? Optional.empty() : Optional.of(st.getErrorMsg() + " (" + st.getRaftError()
        + ")");
  }

  void shutdown() {
    node.shutdown();
    try {
      node.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
