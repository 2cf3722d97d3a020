package io.shoal.chaos.net;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Leader-transfer storm drill: the {@link Drill} workload (register and set clients) through three storms, each
 * moving a random group's leadership to a random other replica every 200-600 ms for the election timeout plus
 * 2-5 s ({@link Nemeses#leaderStorm}). Asserts every register key linearizable, no acknowledged write lost and
 * every group's replicas identical. Runs on a namespaced cluster, or on the loopback fallback where namespaces are
 * unavailable (the storm needs only the nodes' TransferLeader RPC).
 */
class LeaderStormIT {
  @Test
  void acknowledgedWritesSurviveALeaderTransferStorm() throws Exception {
    Drill.run("LEADER STORM DRILL", work -> start(work), (c, schedule) -> {
      Random rnd = schedule.random();
      schedule.plan(List.of(Nemeses.leaderStorm(c, rnd.nextLong()), Nemeses.leaderStorm(c, rnd.nextLong()),
          Nemeses.leaderStorm(c, rnd.nextLong())), List.of(), 0);
    });
  }

  static NetnsCluster start(java.nio.file.Path work) {
    try {
      return NetnsCluster.startBest(NetnsCluster.Config.defaults(work), Duration.ofSeconds(180));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
