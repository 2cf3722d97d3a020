package io.shoal.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** ReadIndex sharing: fewer rounds, and never a read released by a round that started before it arrived. */
class ReadBarriersTest {
  private final List<CompletableFuture<Void>> rounds = new ArrayList<>();
  private final ReadBarriers barriers = new ReadBarriers(() -> {
    CompletableFuture<Void> r = new CompletableFuture<>();
    rounds.add(r);
    return r;
  });

  @Test
  void aLoneReadStartsARoundAtOnce() {
    CompletableFuture<Void> read = barriers.next();
    assertThat(rounds).hasSize(1);
    assertThat(read).isNotDone();
    rounds.get(0).complete(null);
    assertThat(read).isCompleted();
  }

  @Test
  void readsArrivingDuringARoundWaitForTheNextOneAndShareIt() {
    CompletableFuture<Void> first = barriers.next();
    CompletableFuture<Void> second = barriers.next();
    CompletableFuture<Void> third = barriers.next();
    assertThat(rounds).as("one round in flight at a time").hasSize(1);

    rounds.get(0).complete(null);
    assertThat(first).isCompleted();
    // The round in flight started before they arrived: it must not release them.
    assertThat(second).isNotDone();
    assertThat(third).isNotDone();
    assertThat(rounds).as("the next round starts as soon as the first returns").hasSize(2);

    rounds.get(1).complete(null);
    assertThat(second).isCompleted();
    assertThat(third).isCompleted();
    assertThat(rounds).as("nobody waits, so no third round").hasSize(2);

    CompletableFuture<Void> later = barriers.next();
    assertThat(rounds).as("an idle replica starts a round at once").hasSize(3);
    rounds.get(2).complete(null);
    assertThat(later).isCompleted();
  }

  @Test
  void aFailedRoundFailsItsReadsAndTheNextRoundStillRuns() {
    CompletableFuture<Void> first = barriers.next();
    CompletableFuture<Void> second = barriers.next();
    rounds.get(0).completeExceptionally(new RaftException(com.alipay.sofa.jraft.error.RaftError.EPERM.getNumber(),
        "not leader"));
    assertThat(first).isCompletedExceptionally();
    assertThat(second).isNotDone();
    rounds.get(1).complete(null);
    assertThat(second).isCompleted();
  }

  @Test
  void aReadIndexThatThrowsFailsItsReadsAndLeavesTheReplicaIdle() {
    List<CompletableFuture<Void>> issued = new ArrayList<>();
    boolean[] fail = {true};
    ReadBarriers b = new ReadBarriers(() -> {
      if (fail[0]) {
        throw new IllegalStateException("shut down");
      }
      CompletableFuture<Void> r = new CompletableFuture<>();
      issued.add(r);
      return r;
    });
    assertThat(b.next()).isCompletedExceptionally();
    fail[0] = false;
    CompletableFuture<Void> after = b.next();
    assertThat(issued).hasSize(1);
    issued.get(0).complete(null);
    assertThat(after).isCompleted();
  }
}
