package io.shoal.chaos.net;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Process-fault drill: the {@link Drill} workload through kill -9 of the busiest leader (restarted on heal), a
 * SIGSTOP of a random node and a router restart. It runs on a namespaced cluster where namespaces work and
 * otherwise on the loopback fallback (ephemeral ports on 127.0.0.1), so process faults are covered everywhere;
 * {@code -Dshoal.chaos.netns=false} forces the fallback.
 */
class ProcessFaultIT {
  @Test
  void acknowledgedWritesSurviveKillsPausesAndRouterRestarts() throws Exception {
    Drill.run("PROCESS FAULT DRILL", work -> start(work), (c, schedule) -> {
      Random rnd = schedule.random();
      schedule.plan(List.of(Nemeses.killRestart(c, Nemeses.busiestLeader()), Nemeses.pause(c, Nemeses.random(rnd)),
          Nemeses.routerRestart(c)), List.of(), 0);
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
