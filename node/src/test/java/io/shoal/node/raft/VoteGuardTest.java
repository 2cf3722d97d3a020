package io.shoal.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VoteGuardTest {
  static final long ET = 1000;
  static final long START = 5_000;
  static final long LATER = START + 10 * ET;
  final VoteGuard guard = new VoteGuard(ET, START);

  /** jraft's answer to a vote, or "refused: reason". */
  String vote(String group, String candidate, long term, boolean logEmpty, long now) {
    return guard.vote(group, candidate, term, () -> logEmpty, now, () -> "jraft", a -> true,
        reason -> "refused: " + reason);
  }

  void preVote(String group, String candidate, long term, boolean granted) {
    guard.preVote(group, candidate, term, () -> granted, g -> g);
  }

  void append(String group) {
    guard.appendEntries(group, () -> "ok");
  }

  @Test
  void aReplicaWithALogVotesForNobodyDuringItsFirstElectionTimeout() {
    assertThat(vote("g1", "c:1", 7, false, START + ET - 1)).contains("started");
    assertThat(vote("g1", "c:1", 7, false, START + ET)).isEqualTo("jraft");
  }

  @Test
  void aReplicaWithoutALogNeverAnsweredALeaderAndMayVoteAtOnce() {
    assertThat(vote("g1", "c:1", 1, true, START + 1)).isEqualTo("jraft");
  }

  @Test
  void aCandidateWhosePreVoteWasGrantedBeforeAnAppendEntriesGetsNoVote() {
    preVote("g1", "c:1", 8, true);
    append("g1");
    assertThat(vote("g1", "c:1", 8, false, LATER)).contains("AppendEntries since");
  }

  @Test
  void aTransferTargetWhosePreVoteWasGrantedInAnOlderTermGetsTheVote() {
    // c:1 won an election through pre-votes once, led, and now is a transfer's target (TimeoutNow, no pre-vote).
    preVote("g1", "c:1", 8, true);
    append("g1");
    assertThat(vote("g1", "c:1", 11, false, LATER)).isEqualTo("jraft");
    assertThat(vote("g1", "c:1", 8, false, LATER)).as("the old record is gone").isEqualTo("jraft");
  }

  @Test
  void withNoAppendEntriesSinceThePreVoteTheVoteIsJraftsToDecide() {
    append("g1");
    preVote("g1", "c:1", 8, true);
    assertThat(vote("g1", "c:1", 8, false, LATER)).isEqualTo("jraft");
  }

  @Test
  void anAppendEntriesArrivingDuringThePreVoteCountsAsAfterTheGrant() throws InterruptedException {
    // jraft releases its node lock in the middle of a pre-vote; an AppendEntries arriving then must count as after
    // the grant.
    Thread[] append = new Thread[1];
    guard.preVote("g1", "c:1", 8, () -> {
      append[0] = new Thread(() -> append("g1"));
      append[0].start();
      try {
        append[0].join(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return true;
    }, g -> g);
    append[0].join(5000);
    assertThat(append[0].isAlive()).isFalse();
    assertThat(vote("g1", "c:1", 8, false, LATER)).contains("since");
  }

  @Test
  void anAppendEntriesInFlightWhenThePreVoteBeganMakesTheVoteBeRefused() throws InterruptedException {
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread append = new Thread(() -> guard.appendEntries("g1", () -> {
      inside.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return "ok";
    }));
    append.start();
    inside.await();
    preVote("g1", "c:1", 8, true);
    release.countDown();
    append.join(5000);
    assertThat(vote("g1", "c:1", 8, false, LATER)).contains("since");
  }

  @Test
  void aVoteJraftGrantsWhileAnAppendEntriesIsHandledIsAnsweredAsRefused() {
    String answer = guard.vote("g1", "c:1", 8, () -> false, LATER, () -> {
      append("g1");
      return "granted";
    }, a -> a.equals("granted"), reason -> "refused: " + reason);
    assertThat(answer).contains("while voting");
  }

  @Test
  void onlyTheGrantedCandidateAndItsGroupAreRefused() {
    preVote("g1", "c:1", 8, true);
    preVote("g1", "d:1", 8, false);
    append("g1");
    assertThat(vote("g1", "t:2", 8, false, LATER)).as("a candidate that asked no pre-vote").isEqualTo("jraft");
    assertThat(vote("g1", "d:1", 8, false, LATER)).as("a pre-vote refused").isEqualTo("jraft");
    assertThat(vote("g1", "c:1", 7, false, LATER)).as("an older term").isEqualTo("jraft");
    assertThat(vote("g2", "c:1", 8, false, LATER)).as("another group").isEqualTo("jraft");
  }

  @Test
  void aNewPreVoteGrantReplacesTheEarlierOne() {
    preVote("g1", "c:1", 8, true);
    append("g1");
    preVote("g1", "c:1", 9, true);
    assertThat(vote("g1", "c:1", 9, false, LATER)).isEqualTo("jraft");
  }
}
