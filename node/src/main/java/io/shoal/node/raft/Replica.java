package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.core.JraftTerms;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.ReadOnlyOption;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** Common handle on one group replica hosted by this node: proposals, read barriers, leadership. */
public abstract class Replica<R> {
  protected final Node node;
  /** null when read leases are off. */
  private final LeaderLease lease;
  /** Completes lease answers: jraft gives them under its node lock, which write batches wait for. */
  private final Executor leaseAnswers;
  private final AtomicBoolean renewing = new AtomicBoolean();

  Replica(Node node, LeaderLease lease, Executor leaseAnswers) {
    this.node = node;
    this.lease = lease;
    this.leaseAnswers = leaseAnswers;
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
   * <p>With read leases on, a leader whose {@link LeaderLease} holds asks jraft for a lease read, which skips the
   * heartbeat round (jraft checks its own lease too, and takes the round when that has lapsed). The answer counts
   * only if this replica still leads the same term and the lease still holds when it comes; otherwise the barrier is
   * taken again with the round. Every successful round renews the lease, and so does one sent once half of it has
   * gone, so steady reads rarely wait for a round.
   */
  public CompletableFuture<Void> readBarrier() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    long term = lease == null ? -1 : JraftTerms.leadingTerm(node);
    long now = System.nanoTime();
    if (lease != null && lease.holds(term, now)) {
      if (lease.dueForRenewal(term, now) && renewing.compareAndSet(false, true)) {
        CompletableFuture<Void> renewal = new CompletableFuture<>();
        renewal.whenComplete((v, t) -> renewing.set(false));
        heartbeatRound(renewal);
      }
      leaseRead(term, f);
    } else {
      heartbeatRound(f);
    }
    return f;
  }

  private void leaseRead(long term, CompletableFuture<Void> f) {
    // Off jraft's thread: jraft answers the lease path under its node lock, or on the apply thread when the read
    // waited for apply; the check takes that lock, and the read that follows must not hold it up.
    readIndex(ReadOnlyOption.ReadOnlyLeaseBased, f, () -> offJraft(f, () -> {
      if (JraftTerms.leadingTerm(node) == term && lease.holds(term, System.nanoTime())) {
        f.complete(null);
      } else {
        heartbeatRound(f);
      }
    }));
  }

  /** A ReadIndex with a heartbeat round to a majority; a leader that still leads the same term after it is leased. */
  private void heartbeatRound(CompletableFuture<Void> f) {
    long start = System.nanoTime();
    long term = lease == null ? -1 : JraftTerms.leadingTerm(node);
    readIndex(ReadOnlyOption.ReadOnlySafe, f, () -> {
      f.complete(null);
      if (term > 0) {
        // Checked later, off jraft's thread (the check takes its node lock): still leading the same term then
        // means it led throughout, since a replica never leads a term again once it has left it.
        offJraft(new CompletableFuture<>(), () -> {
          if (JraftTerms.leadingTerm(node) == term) {
            lease.confirmed(term, start);
          }
        });
      }
    });
  }

  /** jraft's ReadIndex: {@code f} fails with jraft's status, else {@code onOk} runs on jraft's answering thread. */
  private void readIndex(ReadOnlyOption option, CompletableFuture<Void> f, Runnable onOk) {
    node.readIndex(option, new byte[0], new ReadIndexClosure() {
      @Override
      public void run(Status status, long index, byte[] reqCtx) {
        if (status.isOk()) {
          onOk.run();
        } else {
          f.completeExceptionally(new RaftException(status.getCode(), status.getErrorMsg()));
        }
      }
    });
  }

  /** Runs {@code task} on the lease pool; {@code f} fails if the task cannot run or throws. */
  private void offJraft(CompletableFuture<Void> f, Runnable task) {
    Runnable guarded = () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        f.completeExceptionally(e);
      }
    };
    try {
      leaseAnswers.execute(guarded);
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new RaftException(RaftError.ESTOP.getNumber(), "replica is stopping"));
    }
  }

  public boolean transferLeadershipTo(String raftAddress) {
    return transferLeadership(raftAddress).isEmpty();
  }

  /** Starts a leadership transfer; empty when jraft accepted it, else jraft's reason (e.g. not the leader, busy). */
  public synchronized Optional<String> transferLeadership(String raftAddress) {
    PeerId peer = PeerId.parsePeer(raftAddress);
    long barredBefore = lease == null ? -1 : lease.transferStarting(JraftTerms.currentTerm(node));
    Status st = node.transferLeadershipTo(peer);
    if (lease != null) {
      if (st.isOk()) {
        // The term may have moved on while jraft took the request; the transfer started in one of the two.
        lease.transferStarting(JraftTerms.currentTerm(node));
      } else {
        // jraft refuses before it changes anything or sends TimeoutNow: no transfer started in this call.
        lease.transferRefused(barredBefore);
      }
    }
    return st.isOk() ? Optional.empty() : Optional.of(st.getErrorMsg() + " (" + st.getRaftError() + ")");
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
