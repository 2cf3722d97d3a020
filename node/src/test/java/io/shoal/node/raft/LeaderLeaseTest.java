package io.shoal.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderLeaseTest {
  static final long LEASE = 900;
  final LeaderLease lease = new LeaderLease(LEASE);

  @Test
  void noLeaseUntilARoundSucceeds() {
    assertThat(lease.holds(3, 0)).isFalse();
    lease.confirmed(3, 100);
    assertThat(lease.holds(3, 100)).isTrue();
    assertThat(lease.holds(3, 999)).isTrue();
  }

  @Test
  void theLeaseRunsFromTheStartOfTheRoundNotItsAnswer() {
    lease.confirmed(3, 100);
    assertThat(lease.holds(3, 100 + LEASE - 1)).isTrue();
    assertThat(lease.holds(3, 100 + LEASE)).isFalse();
  }

  @Test
  void aGrantBelongsToOneTermAndToALeader() {
    lease.confirmed(3, 100);
    assertThat(lease.holds(4, 200)).as("a newer term").isFalse();
    assertThat(lease.holds(-1, 200)).as("not leading").isFalse();
    lease.confirmed(-1, 100);
    lease.confirmed(0, 100);
    assertThat(lease.holds(3, 200)).isTrue();
  }

  @Test
  void anOlderRoundDoesNotShortenTheLease() {
    lease.confirmed(3, 500);
    lease.confirmed(3, 100);
    assertThat(lease.holds(3, 500 + LEASE - 1)).isTrue();
  }

  @Test
  void aRoundOfANewTermReplacesTheOldTermsGrant() {
    lease.confirmed(3, 500);
    lease.confirmed(4, 100);
    assertThat(lease.holds(3, 200)).isFalse();
    assertThat(lease.holds(4, 200)).isTrue();
  }

  @Test
  void aTransferWithdrawsTheGrantAndNoTermUpToItsOwnGetsOneAgain() {
    lease.confirmed(3, 100);
    lease.transferStarting(3);
    assertThat(lease.holds(3, 200)).isFalse();
    lease.confirmed(3, 300);
    assertThat(lease.holds(3, 400)).as("the transfer's term, after a later round").isFalse();
    lease.confirmed(2, 300);
    assertThat(lease.holds(2, 400)).as("an older term").isFalse();
    lease.confirmed(4, 500);
    assertThat(lease.holds(4, 600)).as("a newer term").isTrue();
  }

  @Test
  void aLateRoundOfAnOlderTermDoesNotReplaceANewerGrant() {
    lease.confirmed(4, 500);
    lease.confirmed(3, 600);
    assertThat(lease.holds(4, 700)).isTrue();
  }

  @Test
  void aRefusedTransferLiftsItsBarButNotAnEarlierOne() {
    long before = lease.transferStarting(3);
    lease.transferRefused(before);
    lease.confirmed(3, 100);
    assertThat(lease.holds(3, 200)).as("refused: the term may lease again").isTrue();

    lease.transferStarting(3);
    long second = lease.transferStarting(3);
    lease.transferRefused(second);
    lease.confirmed(3, 300);
    assertThat(lease.holds(3, 400)).as("the first transfer's bar stays").isFalse();
  }

  @Test
  void renewalIsDueOnceHalfTheLeaseHasGone() {
    lease.confirmed(3, 0);
    assertThat(lease.dueForRenewal(3, LEASE / 2 - 1)).isFalse();
    assertThat(lease.dueForRenewal(3, LEASE / 2 + 1)).isTrue();
    assertThat(lease.dueForRenewal(3, LEASE)).as("lapsed: nothing to renew, a round is needed").isFalse();
  }

  @Test
  void theClockMayWrap() {
    long start = Long.MAX_VALUE - 100;
    lease.confirmed(3, start);
    assertThat(lease.holds(3, start + 500)).isTrue();
    assertThat(lease.holds(3, start + LEASE)).isFalse();
  }
}
