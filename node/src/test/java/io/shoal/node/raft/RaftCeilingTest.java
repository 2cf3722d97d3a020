package io.shoal.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.Node;
import io.shoal.node.testing.TestPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Raft ceiling measurement's parts on three in-process replicas: what {@code scripts/raft-ceiling.sh} reports
 * must be entries that were replicated and applied, counted once, inside the window.
 */
class RaftCeilingTest {
  @TempDir Path tmp;
  final List<Runnable> stops = new ArrayList<>();

  @AfterEach
  void stopAll() {
    stops.forEach(Runnable::run);
  }

  @Test
  void theLoadCountsOnlyAppliedEntriesInItsWindowAndEveryReplicaAppliesThem() throws Exception {
    List<String> peers = List.of("127.0.0.1:" + TestPorts.free(), "127.0.0.1:" + TestPorts.free(),
        "127.0.0.1:" + TestPorts.free());
    List<Node> nodes = new ArrayList<>();
    List<CeilingFsm> fsms = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SharedLogStore logs = new SharedLogStore(tmp.resolve("n" + i + "/raft-log"), true);
      RaftHost host = new RaftHost("127.0.0.1", Integer.parseInt(peers.get(i).split(":")[1]),
          tmp.resolve("n" + i + "/raft"), logs, RaftSettings.defaults());
      host.start();
      CeilingFsm fsm = new CeilingFsm();
      Node node = RaftCeiling.startGroup(host, fsm, peers);
      stops.add(0, () -> {
        node.shutdown();
        try {
          node.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        host.close();
        logs.close();
      });
      nodes.add(node);
      fsms.add(fsm);
    }
    Node leader = awaitLeader(nodes);

    long now = System.nanoTime();
    long windowStart = now + TimeUnit.MILLISECONDS.toNanos(500);
    long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(2);
    CeilingLoad load = new CeilingLoad(leader, 512, 4, System::nanoTime, windowStart, windowEnd);
    load.start();
    assertThat(load.await(20, TimeUnit.SECONDS)).as("every lane stopped after the window").isTrue();
    long proposedInTotal = fsms.get(nodes.indexOf(leader)).applied();

    assertThat(load.errors()).isZero();
    assertThat(load.completed()).as("entries applied in the window").isPositive()
        // Entries applied in the 500 ms before the window were applied too, but not counted.
        .isLessThan(proposedInTotal);
    assertThat(load.latencyMs(50)).isPositive();
    assertThat(load.latencyMs(99)).isGreaterThanOrEqualTo(load.latencyMs(50));
    // Replicated: every replica applies every entry the leader applied, each 512 bytes.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fsms.stream().anyMatch(f -> f.applied() < proposedInTotal) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    for (CeilingFsm fsm : fsms) {
      assertThat(fsm.applied()).isEqualTo(proposedInTotal);
      assertThat(fsm.appliedBytes()).isEqualTo(512 * proposedInTotal);
    }
  }

  private static Node awaitLeader(List<Node> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (Node n : nodes) {
        if (n.isLeader()) {
          return n;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no leader in 20 s");
  }
}
