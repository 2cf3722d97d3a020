package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.core.JraftTerms;
import com.alipay.sofa.jraft.core.NodeImpl;
import com.alipay.sofa.jraft.core.State;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.rpc.RaftServerService;
import com.alipay.sofa.jraft.rpc.RpcRequestClosure;
import com.alipay.sofa.jraft.rpc.RpcRequests.AppendEntriesRequest;
import com.alipay.sofa.jraft.rpc.RpcRequests.RequestVoteRequest;
import com.alipay.sofa.jraft.rpc.RpcRequests.RequestVoteResponse;
import com.alipay.sofa.jraft.rpc.RpcRequests.TimeoutNowRequest;
import com.alipay.sofa.jraft.rpc.RpcRequests.TimeoutNowResponse;
import com.alipay.sofa.jraft.rpc.impl.core.AppendEntriesRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.RequestVoteRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.TimeoutNowRequestProcessor;
import com.google.protobuf.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jraft's vote, TimeoutNow and AppendEntries processors with the rules of {@link VoteGuard} in front: what a read
 * lease needs from every replica of a group, leader or not. {@link RaftHost} registers them whether or not its own
 * leaders use the lease, so nodes with and without it can share groups.
 */
final class GuardedProcessors {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedProcessors.class);

  private GuardedProcessors() {}

  static final class Votes extends RequestVoteRequestProcessor {
    private final VoteGuard guard;

    Votes(VoteGuard guard) {
      super(null);
      this.guard = guard;
    }

    @Override
    public Message processRequest0(RaftServerService service, RequestVoteRequest request, RpcRequestClosure done) {
      Node node = (Node) service;
      String group = request.getGroupId();
      String candidate = request.getServerId();
      if (request.getPreVote()) {
        if (leadingOrTransferring(node)) {
          return refusal(node);
        }
        return guard.preVote(group, candidate, request.getTerm(), () -> super.processRequest0(service, request, done),
            answer -> answer instanceof RequestVoteResponse r && r.getGranted());
      }
      return guard.vote(group, candidate, request.getTerm(), () -> logEmpty(node), System.nanoTime(),
          () -> super.processRequest0(service, request, done),
          answer -> answer instanceof RequestVoteResponse r && r.getGranted(), reason -> {
            LOG.info("{}: vote for {} in term {} refused: {}", group, candidate, request.getTerm(), reason);
            return refusal(node);
          });
    }

    /** An inactive node (stopping, in error) throws here; jraft then answers the vote itself. */
    private static boolean logEmpty(Node node) {
      try {
        return node.getLastLogIndex() == 0;
      } catch (IllegalStateException e) {
        return true;
      }
    }

    private static boolean leadingOrTransferring(Node node) {
      State s = ((NodeImpl) node).getNodeState();
      return s == State.STATE_LEADER || s == State.STATE_TRANSFERRING;
    }

    private static Message refusal(Node node) {
      return RequestVoteResponse.newBuilder().setTerm(JraftTerms.currentTerm(node)).setGranted(false).build();
    }
  }

  /** TimeoutNow makes its receiver elect itself at once, skipping the pre-vote: only the group's leader may ask. */
  static final class TimeoutNow extends TimeoutNowRequestProcessor {
    TimeoutNow() {
      super(null);
    }

    @Override
    public Message processRequest0(RaftServerService service, TimeoutNowRequest request, RpcRequestClosure done) {
      Node node = (Node) service;
      PeerId leader = node.getLeaderId();
      if (leader == null || leader.isEmpty() || !leader.equals(PeerId.parsePeer(request.getServerId()))) {
        LOG.warn("{}: TimeoutNow from {} refused: the leader is {}", request.getGroupId(), request.getServerId(),
            leader);
        return TimeoutNowResponse.newBuilder().setTerm(JraftTerms.currentTerm(node)).setSuccess(false).build();
      }
      return super.processRequest0(service, request, done);
    }
  }

  /** Counts every AppendEntries jraft handles, for the vote rule. */
  static final class Appends extends AppendEntriesRequestProcessor {
    private final VoteGuard guard;

    Appends(VoteGuard guard) {
      super(null);
      this.guard = guard;
    }

    @Override
    public Message processRequest0(RaftServerService service, AppendEntriesRequest request, RpcRequestClosure done) {
      return guard.appendEntries(request.getGroupId(), () -> super.processRequest0(service, request, done));
    }
  }
}
