package io.shoal.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.JraftTerms;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import io.shoal.node.group.GroupRange;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.node.testing.TestPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read barriers with and without the leader lease, over one real three-replica jraft group in this JVM. The test
 * cuts the leader off by stopping both followers: a barrier that still succeeds at once can only have come from the
 * lease, one that needs a heartbeat round cannot succeed. A 3 s election timeout gives a 2.7 s lease, far longer
 * than the few milliseconds between stopping the followers and asking.
 */
class ReadLeaseTest {
  static final int ELECTION_TIMEOUT_MS = 3000;
  static final GroupRange RANGE = new GroupRange(1, 0, Long.MIN_VALUE);

  @TempDir Path tmp;
  final List<Member> members = new ArrayList<>();

  record Member(RaftHost host, SharedLogStore logs, RocksStorageEngine engine, DataReplica replica,
      AtomicBoolean stopped) {
    void stop() {
      if (stopped.compareAndSet(false, true)) {
        host.close();
        logs.close();
        engine.close();
      }
    }
  }

  @AfterEach
  void stopAll() {
    for (Member m : members) {
      m.stop();
    }
  }

  @Test
  void aLeaderAnswersFromItsLeaseAloneUntilTheLeaseLapses() throws Exception {
    Member leader = startGroup(true);
    stopFollowers(leader);

    // No follower is left to answer a heartbeat: only the lease can make this succeed.
    assertThat(barrier(leader, 1000)).as("barrier from the lease").isEqualTo("ok");
    // The lease is bounded: once it lapses the leader neither answers from it nor (alone) by a round.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String outcome = "ok";
    while (outcome.equals("ok") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      outcome = barrier(leader, 1000);
    }
    assertThat(outcome).as("barrier after the lease lapsed").isNotEqualTo("ok");
  }

  @Test
  void aLeaseComesOnlyFromARoundThisLeaderSawSucceed() throws Exception {
    Member leader = startGroup(true, false);
    stopFollowers(leader);

    // The followers acknowledged heartbeats moments ago, so jraft's own lease holds; but no read round has
    // succeeded in this term, so Shoal grants none and the barrier needs the followers.
    assertThat(barrier(leader, 1500)).as("barrier before any round succeeded").isNotEqualTo("ok");
  }

  @Test
  void jraftTermsAreTheLeadersTermOnTheLeaderOnly() throws Exception {
    Member leader = startGroup(false);
    long term = leader.replica().leaderTerm();
    assertThat(term).isPositive();
    assertThat(JraftTerms.leadingTerm(leader.replica().node)).isEqualTo(term);
    for (Member m : members) {
      assertThat(JraftTerms.currentTerm(m.replica().node)).isEqualTo(term);
      if (m != leader) {
        assertThat(JraftTerms.leadingTerm(m.replica().node)).isEqualTo(-1);
      }
    }
  }

  @Test
  void withoutTheLeaseABarrierNeedsTheFollowers() throws Exception {
    Member leader = startGroup(false);
    stopFollowers(leader);

    assertThat(barrier(leader, 1500)).as("barrier with no follower to answer").isNotEqualTo("ok");
  }

  @Test
  void aTermInWhichATransferStartedNeverReadsFromTheLease() throws Exception {
    Member leader = startGroup(true);
    List<Member> followers = members.stream().filter(m -> m != leader).toList();
    long term = leader.replica().leaderTerm();
    // A transfer to a stopped follower cannot finish: jraft makes the old leader the leader again, same term,
    // after an election timeout, while its lease keeps being renewed by the follower still running.
    followers.get(0).stop();
    assertThat(leader.replica().transferLeadership(followers.get(0).host().selfAddress())).isEmpty();
    await("the transfer timed out and the old leader leads again in the same term",
        () -> leader.replica().isLeader() && leader.replica().leaderTerm() == term);
    assertThat(barrier(leader, 2000)).as("barrier with one follower up").isEqualTo("ok");

    followers.get(1).stop();
    // Were the lease used, this would succeed as in the first test.
    assertThat(barrier(leader, 1500)).as("barrier in the transfer's term, no follower up").isNotEqualTo("ok");
  }

  @Test
  void jraftsCliServiceIsNotServedOnTheRaftPortSoNoTransferGoesPastTheLease() throws Exception {
    Member leader = startGroup(true);
    long term = leader.replica().leaderTerm();
    Member target = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
    Configuration conf = new Configuration();
    members.forEach(m -> conf.addPeer(PeerId.parsePeer(m.host().selfAddress())));
    CliOptions opts = new CliOptions();
    opts.setTimeoutMs(1000);
    opts.setMaxRetry(1);
    CliService cli = RaftServiceFactory.createAndInitCliService(opts);
    try {
      Status st = cli.transferLeader(RaftHost.dataGroupName(RANGE.groupId()), conf,
          PeerId.parsePeer(target.host().selfAddress()));
      assertThat(st.isOk()).as("CLI transfer: " + st).isFalse();
    } finally {
      cli.shutdown();
    }
    Thread.sleep(2L * ELECTION_TIMEOUT_MS);
    assertThat(leader.replica().isLeader()).isTrue();
    assertThat(leader.replica().leaderTerm()).isEqualTo(term);
  }

  /** "ok", "failed: ..." or "no answer" within {@code waitMs}. */
  static String barrier(Member m, long waitMs) throws InterruptedException {
    CompletableFuture<Void> f = m.replica().readBarrier();
    try {
      f.get(waitMs, TimeUnit.MILLISECONDS);
      return "ok";
    } catch (ExecutionException e) {
      return "failed: " + e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "no answer";
    }
  }

  Member startGroup(boolean readLease) throws Exception {
    return startGroup(readLease, true);
  }

  Member startGroup(boolean readLease, boolean firstBarrier) throws Exception {
    List<Integer> ports = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ports.add(TestPorts.free());
      peers.add("127.0.0.1:" + ports.get(i));
    }
    for (int i = 0; i < 3; i++) {
      Path dir = tmp.resolve("n" + i);
      RocksStorageEngine engine = new RocksStorageEngine(dir.resolve("items"));
      SharedLogStore logs = new SharedLogStore(dir.resolve("raft-log"), false);
      RaftHost host = new RaftHost("127.0.0.1", ports.get(i), dir.resolve("raft"), logs,
          new RaftSettings(ELECTION_TIMEOUT_MS, 3600, false, true, readLease));
      host.start();
      members.add(new Member(host, logs, engine, host.startDataGroup(RANGE, peers, engine),
          new AtomicBoolean()));
    }
    await("a leader whose state machine leads", () -> leader().isPresent());
    Member leader = leader().orElseThrow();
    if (!firstBarrier) {
      return leader;
    }
    // jraft refuses ReadIndex until the new leader has committed an entry of its term.
    await("a first barrier", () -> {
      try {
        return barrier(leader, 1000).equals("ok");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    return leader;
  }

  java.util.Optional<Member> leader() {
    return members.stream().filter(m -> m.replica().isLeader() && m.replica().leaderTerm() > 0).findFirst();
  }

  void stopFollowers(Member leader) {
    for (Member m : members) {
      if (m != leader) {
        m.stop();
      }
    }
  }

  static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
