package io.shoal.chaos.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Failover drill on a namespaced 3-node cluster: while the {@link Drill} workload runs, a seeded schedule isolates
 * the node leading the most groups, partitions off a minority (the router still reaching both sides), pauses a
 * node, and adds {@code -Dshoal.chaos.extras} (default 2) faults drawn from kill -9/restart, slow link, flaky link,
 * router restart, zone isolation and a leader-transfer storm (6 runs them all). Each fault lasts the election timeout plus 2-5 s.
 *
 * <p>Needs network namespaces (root). Without them the test is SKIPPED with the reason, never passed; the
 * process-fault drill {@link ProcessFaultIT} still runs on a loopback cluster.
 *
 * <p>Replay a run with {@code -Dshoal.chaos.seed=<seed>} (printed at the start and on failure).
 */
class NetworkPartitionIT {
  @Test
  void acknowledgedWritesSurvivePartitionsPausesAndIsolation() throws Exception {
    NetnsCluster.Availability a = NetnsCluster.availability();
    if (!a.available()) {
      System.out.println("!!!! NETWORK NAMESPACES UNAVAILABLE: " + a.reason()
          + " -- the network-fault drill is SKIPPED, not passed; ProcessFaultIT covers kill/pause on loopback.");
    }
    assumeTrue(a.available(), () -> "network namespaces unavailable: " + a.reason());
    Drill.run("NETWORK PARTITION DRILL", work -> start(work), (c, schedule) -> {
      Random rnd = schedule.random();
      schedule.plan(
          // Issue #5's short CI set: isolation, partition, pause and a whole zone cut off, every run.
          List.of(Nemeses.isolate(c, Nemeses.busiestLeader()), Nemeses.partitionMinority(c, Nemeses.random(rnd)),
              Nemeses.pause(c, Nemeses.random(rnd)),
              Nemeses.isolateZone(c, List.of("a", "b", "c").get(rnd.nextInt(3)))),
          List.of(Nemeses.killRestart(c, Nemeses.random(rnd)),
              Nemeses.slowLink(c, Nemeses.random(rnd), "delay 200ms loss 20%"), Nemeses.routerRestart(c),
              Nemeses.flakyLink(c, Nemeses.random(rnd), 20, rnd.nextLong()),
              Nemeses.leaderStorm(c, rnd.nextLong())),
          Integer.getInteger("shoal.chaos.extras", 2));
    });
  }

  static NetnsCluster start(java.nio.file.Path work) {
    try {
      return NetnsCluster.start(NetnsCluster.Config.defaults(work), Duration.ofSeconds(180));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
