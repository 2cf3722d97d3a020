package io.shoal.admin.drill;

import io.shoal.admin.local.LocalCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code shoal drill kill-leader}: under a small load, {@code kill -9} the node leading the most groups, wait for
 * every group to have a leader again, restart the node, and judge what the clients saw: no acknowledged write lost,
 * every register history linearizable, and the replicas of every group identical once they caught up.
 */
final class KillLeaderDrill {
  /** Options of one run. */
  record Settings(int clients, Duration warmUp, Duration downTime, Duration afterRestart, long seed) {}

  private final LocalCluster cluster;
  private final Settings settings;
  private final PrintWriter out;
  private final LongSupplier nanos;

  KillLeaderDrill(LocalCluster cluster, Settings settings, PrintWriter out, LongSupplier nanos) {
    this.cluster = cluster;
    this.settings = settings;
    this.out = out;
    this.nanos = nanos;
  }

  /** Runs the drill and prints its report; the unavailability is the worst group the killed node led. */
  DrillOutcome run() throws IOException, InterruptedException {
    try (DrillSession s = DrillSession.open("kill-leader", cluster, settings.clients(), settings.seed(), out,
        nanos)) {
      s.startLoad(settings.warmUp());
      Map<Integer, String> leaders = ClusterWatch.leaders(s.view());
      String victim = ClusterWatch.busiest(leaders);
      List<Integer> affected = ClusterWatch.ledBy(leaders, Set.of(victim));
      long killedAt = nanos.getAsLong();
      out.printf("kill -9 %s (leader of groups %s): %s%n", victim, affected, cluster.killNode(victim).describe());

      double reelected = s.waitForLeaders(Set.of(victim), killedAt, Duration.ofSeconds(60));
      Thread.sleep(Math.max(0, settings.downTime().toMillis() - (long) (reelected * 1000)));
      cluster.startNode(victim);
      out.printf("restarted %s%n", victim);
      Thread.sleep(settings.afterRestart().toMillis());

      Checks checks = s.finish();
      Map<Integer, Double> gaps = s.writeGaps(checks.history(), killedAt);
      Map<Integer, Double> affectedGaps = WriteGaps.only(gaps, affected);
      out.println("--- report ---");
      out.printf("every group had a leader again after: %.3f s%n", reelected);
      out.printf("write unavailability of the groups the killed node led (longest gap between acknowledged writes), "
          + "s: %s%n", Checks.format(affectedGaps));
      out.printf("longest gap in any group after the kill, s: %s%n", Checks.format(gaps));
      checks.print(out, settings.seed());
      return new DrillOutcome(checks.clean(), WriteGaps.worst(affectedGaps));
    }
  }
}
