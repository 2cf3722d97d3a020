package com.alipay.sofa.jraft.core;

import com.alipay.sofa.jraft.Node;

/**
 * jraft's current term, which its public API does not expose (NodeImpl keeps it package-private). Shoal's read lease
 * must know the term jraft itself is in: the state machine hears of a new term later, through jraft's queue, and a
 * decision taken on a lagging term can be wrong (io.shoal.node.raft.LeaderLease). jraft is pinned (1.4.1); its
 * jar is not sealed, and ReadLeaseTest's jraftTermsAreTheLeadersTermOnTheLeaderOnly fails if this stops matching
 * it. Both calls take jraft's node lock: never call them on a jraft thread that may run under it.
 */
public final class JraftTerms {
  private JraftTerms() {}

  /** The term this replica leads, or -1 when jraft does not call it leader: both read under the node's lock. */
  public static long leadingTerm(Node node) {
    NodeImpl n = (NodeImpl) node;
    n.readLock.lock();
    try {
      return n.getNodeState() == State.STATE_LEADER ? n.getCurrentTerm() : -1;
    } finally {
      n.readLock.unlock();
    }
  }

  /** jraft's current term, whatever this replica's role in it. */
  public static long currentTerm(Node node) {
    return ((NodeImpl) node).getCurrentTerm();
  }
}
