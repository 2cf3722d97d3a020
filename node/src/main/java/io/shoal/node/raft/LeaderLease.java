package io.shoal.node.raft;

/**
 * When a group leader may answer a read barrier without a heartbeat round. Pure bookkeeping: the caller passes
 * jraft's term and a monotonic clock reading, so tests drive both.
 *
 * <p>A lease is granted only by a heartbeat round this replica saw succeed: a round that started at {@code t} in
 * term {@code T} and was answered while the replica still led {@code T} means a majority heard from this leader
 * after {@code t}. Each of them refuses to pre-vote for anyone else until a whole election timeout has passed
 * since, so no other leader can be elected before {@code t} plus the election timeout; the lease ends earlier, at
 * {@code t} plus 90% of it (the margin covers clocks that run at slightly different rates). jraft's own lease is not
 * enough on its own: it counts a replicator it has just created as heard from before that follower has answered.
 *
 * <p>A leadership transfer skips the pre-vote: the target elects itself at once, and the followers vote for it
 * however recently they heard from this leader. When a transfer times out, jraft makes this replica leader again in
 * the same term while the target may lead a newer one it has not heard of. So no term in which a transfer may have
 * started is ever granted a lease again, and a transfer withdraws the current grant.
 */
final class LeaderLease {
  private record Grant(long term, long untilNanos) {}

  private static final Grant NONE = new Grant(-1, Long.MIN_VALUE);

  private final long leaseNanos;
  private volatile Grant grant = NONE;
  /** Every term up to this one may have seen a transfer start. */
  private volatile long transferTerm = -1;

  LeaderLease(long leaseNanos) {
    if (leaseNanos <= 0) {
      throw new IllegalArgumentException("lease must be positive: " + leaseNanos);
    }
    this.leaseNanos = leaseNanos;
  }

  /** A heartbeat round that started at {@code startNanos} while leading {@code term} succeeded, still leading it. */
  synchronized void confirmed(long term, long startNanos) {
    if (term <= 0 || term <= transferTerm) {
      return;
    }
    long until = startNanos + leaseNanos;
    Grant g = grant;
    if (term < g.term) {
      return;
    }
    if (g.term != term || until - g.untilNanos > 0) {
      grant = new Grant(term, until);
    }
  }

  /** Whether a replica leading {@code term} (-1: not leading) may answer from its lease at {@code nowNanos}. */
  boolean holds(long term, long nowNanos) {
    Grant g = grant;
    return term > 0 && g.term == term && term > transferTerm && g.untilNanos - nowNanos > 0;
  }

  /** The lease holds but half of it has gone: a round now renews it before reads have to wait for one. */
  boolean dueForRenewal(long term, long nowNanos) {
    return holds(term, nowNanos) && grant.untilNanos - nowNanos < leaseNanos / 2;
  }

  /**
   * A transfer may start in any term up to {@code currentTerm}: no lease in those terms from now on. Returns the
   * bar as it was before, for {@link #transferRefused}.
   */
  synchronized long transferStarting(long currentTerm) {
    long before = transferTerm;
    if (currentTerm > transferTerm) {
      transferTerm = currentTerm;
    }
    grant = NONE;
    return before;
  }

  /**
   * jraft refused the transfer before starting anything: the bar goes back to {@code barredBefore}. The caller
   * serializes transfers, so no other transfer raised the bar in between. The withdrawn grant is not restored; the
   * next read round grants a new one.
   */
  synchronized void transferRefused(long barredBefore) {
    transferTerm = barredBefore;
  }
}
