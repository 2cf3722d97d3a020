package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.ReadOnlyOption;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Common handle on one group replica hosted by this node: proposals, read barriers, leadership. */
public abstract class Replica<R> {
  protected final Node node;
  private final boolean readLease;
  /**
   * The highest term in which this replica asked jraft to hand its leadership away. jraft makes a leader whose
   * transfer timed out the leader again in the same term, while the target may have won a newer term that the old
   * leader has not heard of; its lease, renewed by acknowledgements sent before the transfer, can still look valid
   * then. So a term that saw a transfer never serves lease reads.
   */
  private volatile long transferTerm = -1;

  Replica(Node node, boolean readLease) {
    this.node = node;
    this.readLease = readLease;
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
   *
   * <p>With the read lease on, a leader skips the heartbeat round while its lease holds: jraft's lease is 90% of the
   * election timeout, counted from when the leader sent the last messages a majority acknowledged, and no follower
   * votes for another candidate until it has heard nothing from the leader for a whole election timeout. So no
   * other leader can exist while the lease holds, as long as the nodes' clocks advance at nearly the same rate
   * (monotonic clocks; wall-clock jumps do not matter). jraft falls back to the round by itself once the lease has
   * lapsed. A term in which this replica started a leadership transfer uses the round throughout.
   */
  public CompletableFuture<Void> readBarrier() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    long term = leaderTerm();
    if (readLease && term > 0 && transferTerm < term && node.isLeader()) {
      // jraft forwards a follower's request, option included, to the leader, where this replica's transfer record
      // cannot guard it: the answer counts only if this replica still led in the same term when it came.
      readIndex(ReadOnlyOption.ReadOnlyLeaseBased, f,
          () -> transferTerm < term && node.isLeader() && leaderTerm() == term);
    } else {
      readIndex(ReadOnlyOption.ReadOnlySafe, f, () -> true);
    }
    return f;
  }

  /**
   * {@code stillValid} runs after jraft answered: a lease answer counts only if this replica still leads in the
   * same term and no transfer started in it before then, else the barrier is taken again with the heartbeat round.
   */
  private void readIndex(ReadOnlyOption option, CompletableFuture<Void> f, BooleanSupplier stillValid) {
    node.readIndex(option, new byte[0], new ReadIndexClosure() {
      @Override
      public void run(Status status, long index, byte[] reqCtx) {
        if (!status.isOk()) {
          f.completeExceptionally(new RaftException(status.getCode(), status.getErrorMsg()));
        } else if (stillValid.getAsBoolean()) {
          f.complete(null);
        } else {
          readIndex(ReadOnlyOption.ReadOnlySafe, f, () -> true);
        }
      }
    });
  }

  public boolean transferLeadershipTo(String raftAddress) {
    return transferLeadership(raftAddress).isEmpty();
  }

  /** Starts a leadership transfer; empty when jraft accepted it, else jraft's reason (e.g. not the leader, busy). */
  public Optional<String> transferLeadership(String raftAddress) {
    PeerId peer = PeerId.parsePeer(raftAddress);
    long term = leaderTerm();
    if (readLease && term <= 0) {
      // jraft may already lead while the state machine has not heard: the transfer's term would go unrecorded.
      return Optional.of("not the leader (or its state machine has not started leading yet)");
    }
    if (term > transferTerm) {
      transferTerm = term;
    }
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
