package io.shoal.node.raft;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The voting rules a leader lease needs and jraft does not keep, for the replicas one node hosts. The Raft RPC
 * processors ({@link GuardedProcessors}) hand jraft's handling in as a supplier, so the rules are decided around
 * it, and pass in the clock.
 *
 * <p>A lease from a read round that started at {@code t} is sound only if no other leader can be elected before
 * {@code t} plus an election timeout. jraft's followers refuse a <em>pre-vote</em> while they hear from a leader,
 * but grant a <em>vote</em> to any candidate with a newer term and a log as long as theirs: that is how a transfer's
 * target, which skips the pre-vote, gets elected. So in a three-replica group (every Shoal group), where the
 * leader and one follower form the majority behind a lease, a new leader could still be elected without the old
 * one hearing in time:
 * <ul>
 *   <li>by a pre-vote the old leader itself grants: jraft's leader checks its own lease loosely there (a timestamp
 *       refreshed every half election timeout), so a leader grants no pre-vote ({@link GuardedProcessors});
 *   <li>by a follower that granted a candidate's pre-vote after a silence, then heard from the leader again (and
 *       answered its read round), then gets the candidate's vote request: {@link #vote} refuses the vote to a
 *       candidate whose pre-vote this replica granted before it last handled an AppendEntries. Handling is counted
 *       per group (begun and finished), not timed: jraft releases its lock in the middle of a pre-vote, and an
 *       AppendEntries handled in that gap must count as after the grant;
 *   <li>by a follower that answered the round, restarted and forgot: it refuses every vote for an election
 *       timeout after it starts, unless its log is empty (it never had a leader).
 * </ul>
 * A transfer still works: its target asked no pre-vote, and the transferring leader votes for it and steps down.
 */
final class VoteGuard {
  /** A granted pre-vote: the AppendEntries count when its handling began, and whether one was in flight then. */
  private record PreVote(long term, long started, boolean clean) {}

  /**
   * AppendEntries begun and finished. Nothing here holds a lock across jraft's handling, which can wait for a
   * log flush: a container drill showed elections stalling for seconds when votes and AppendEntries queued behind
   * one another. Counting before and after instead tells whether one was handled in between.
   */
  private static final class Group {
    final Map<String, PreVote> preVotes = new ConcurrentHashMap<>();
    final AtomicLong started = new AtomicLong();
    final AtomicLong finished = new AtomicLong();
  }

  private final long electionTimeoutNanos;
  private final long startNanos;
  private final Map<String, Group> groups = new ConcurrentHashMap<>();

  VoteGuard(long electionTimeoutNanos, long startNanos) {
    this.electionTimeoutNanos = electionTimeoutNanos;
    this.startNanos = startNanos;
  }

  private Group group(String groupId) {
    return groups.computeIfAbsent(groupId, g -> new Group());
  }

  /**
   * jraft handles an AppendEntries (entries or heartbeat; its reply to a heartbeat goes out inside). Its term is
   * not checked: one from a deposed leader only makes a vote be refused, and that leader steps down at the answer.
   */
  <T> T appendEntries(String groupId, Supplier<T> handle) {
    Group g = group(groupId);
    g.started.incrementAndGet();
    try {
      return handle.get();
    } finally {
      g.finished.incrementAndGet();
    }
  }

  /**
   * jraft answers {@code candidate}'s pre-vote for {@code term}; a grant is remembered, with whether an
   * AppendEntries was in flight when it began (it may have answered a leader after jraft's check).
   */
  <T> T preVote(String groupId, String candidate, long term, Supplier<T> handle, Predicate<T> granted) {
    Group g = group(groupId);
    long finished = g.finished.get();
    long started = g.started.get();
    T answer = handle.get();
    if (granted.test(answer)) {
      g.preVotes.put(candidate, new PreVote(term, started, started == finished));
    }
    return answer;
  }

  /**
   * {@code candidate}'s vote request for {@code term}: {@code refuse} with the reason, or jraft's answer. A vote
   * jraft grants while an AppendEntries is handled is answered as refused all the same (a heartbeat answered
   * then could back a lease the vote would break); jraft has recorded it and moved to the new term, which only
   * keeps this replica from voting for anyone else in that term.
   *
   * @param logEmpty whether this replica has no log entry, so cannot have answered a leader before it started;
   *     asked only in the first election timeout
   */
  <T> T vote(String groupId, String candidate, long term, BooleanSupplier logEmpty, long nowNanos,
      Supplier<T> handle, Predicate<T> granted, Function<String, T> refuse) {
    Group g = group(groupId);
    long finished = g.finished.get();
    long started = g.started.get();
    if (nowNanos - startNanos < electionTimeoutNanos && !logEmpty.getAsBoolean()) {
      return refuse.apply("started less than an election timeout ago");
    }
    PreVote p = g.preVotes.get(candidate);
    // A candidate elects itself in the very term it pre-voted for (and after a vote timeout goes back through the
    // pre-vote: RaftHost sets stepDownWhenVoteTimedout). A later term without a new pre-vote comes from
    // TimeoutNow, a transfer's target: such votes are not refused (an older record would block a transfer back).
    if (p != null && p.term < term) {
      g.preVotes.remove(candidate, p);
    } else if (p != null && term == p.term && (!p.clean || started != p.started)) {
      return refuse.apply("handled an AppendEntries since granting this candidate's pre-vote");
    }
    T answer = handle.get();
    if (granted.test(answer) && (started != finished || g.started.get() != started)) {
      return refuse.apply("an AppendEntries was handled while voting");
    }
    return answer;
  }
}
