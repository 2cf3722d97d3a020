package io.shoal.admin.drill;

import io.shoal.admin.local.LocalCluster;
import io.shoal.proto.ClusterView;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * {@code shoal drill leader-storm}: under the recorded load, for {@code --storm-secs} keep moving leaderships: every
 * 200-600 ms a random group is told (NodeService/TransferLeader) to hand its leadership to a random other replica.
 * The nodes' LeaderBalancer gives a group back to its preferred replica once a leader has held it 3 s; the storm is
 * faster than that, and the handbacks are part of it. Then the usual checks.
 */
final class LeaderStormDrill {
  record Settings(int clients, Duration warmUp, Duration storm, Duration afterStorm, long seed) {}

  private final LocalCluster cluster;
  private final Settings settings;
  private final PrintWriter out;
  private final LongSupplier nanos;

  LeaderStormDrill(LocalCluster cluster, Settings settings, PrintWriter out, LongSupplier nanos) {
    this.cluster = cluster;
    this.settings = settings;
    this.out = out;
    this.nanos = nanos;
  }

  DrillOutcome run() throws IOException, InterruptedException {
    try (DrillSession s = DrillSession.open("leader-storm", cluster, settings.clients(), settings.seed(), out,
        nanos)) {
      s.startLoad(settings.warmUp());
      Random random = new Random(settings.seed());
      Map<String, Integer> transfers = new TreeMap<>();
      long stormStart = nanos.getAsLong();
      long stormEnd = stormStart + settings.storm().toNanos();
      out.printf("leader-transfer storm for %d s: a random group to a random other replica every 200-600 ms%n",
          settings.storm().toSeconds());
      out.flush();
      while (nanos.getAsLong() < stormEnd) {
        Optional<ClusterView> v = s.watch().view();
        Optional<TransferTarget> t = v.flatMap(view -> TransferTarget.pick(view, random));
        String outcome = t.isEmpty() ? "no leader known" : s.watch().transferLeader(v.get(), t.get());
        transfers.merge(outcome, 1, Integer::sum);
        Thread.sleep(200 + random.nextInt(401));
      }
      double stormSecs = (nanos.getAsLong() - stormStart) / 1e9;
      double settled = s.waitForLeaders(java.util.Set.of(), nanos.getAsLong(), Duration.ofSeconds(60));
      Thread.sleep(settings.afterStorm().toMillis());

      Checks checks = s.finish();
      Map<Integer, Double> gaps = s.writeGaps(checks.history(), stormStart);
      out.println("--- report ---");
      out.printf("storm: %.1f s, transfers %s%n", stormSecs, transfers);
      out.printf("every group had a leader %.3f s after the storm ended%n", settled);
      out.printf("write unavailability per group from the storm's start (longest gap between acknowledged writes), "
          + "s: %s%n", Checks.format(gaps));
      checks.print(out, settings.seed());
      return new DrillOutcome(checks.clean(), WriteGaps.worst(gaps));
    }
  }
}
