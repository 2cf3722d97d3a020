package io.shoal.admin.drill;

import io.shoal.admin.client.NodeReady;
import io.shoal.admin.local.LocalCluster;
import io.shoal.admin.local.NodeSlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code shoal drill isolate-zone}: under the recorded load, take every storage node of one zone away for longer than
 * the election timeout, bring it back, and judge the history.
 *
 * <p>On the local loopback cluster every process shares one network interface, so a true network cut is not
 * possible: the zone is <em>simulated</em> by pausing its processes (SIGSTOP), which from the peers' side looks like
 * a zone whose network went silent (heartbeats stop, connections hang), and resuming them (SIGCONT). The real thing,
 * blackhole routes between network namespaces, is the netns suite in chaos-tests ({@code NetworkPartitionIT}).
 */
final class IsolateZoneDrill {
  /** The node's own default when its command line does not set {@code --election-timeout-ms}. */
  static final int DEFAULT_ELECTION_TIMEOUT_MS = 1000;

  /**
   * Options of one run.
   *
   * @param zone the zone to isolate; null picks the zone whose nodes lead the most groups
   * @param pause how long the zone stays paused; null: {@link #pauseFor}
   */
  record Settings(int clients, Duration warmUp, String zone, Duration pause, Duration afterResume, long seed) {}

  private final LocalCluster cluster;
  private final Settings settings;
  private final PrintWriter out;
  private final LongSupplier nanos;

  IsolateZoneDrill(LocalCluster cluster, Settings settings, PrintWriter out, LongSupplier nanos) {
    this.cluster = cluster;
    this.settings = settings;
    this.out = out;
    this.nanos = nanos;
  }

  DrillOutcome run() throws IOException, InterruptedException {
    int electionMs = electionTimeoutMs(cluster.nodes().get(0).command());
    Duration pause = pauseFor(electionMs, settings.pause());
    Map<String, String> zoneOf = new TreeMap<>();
    cluster.nodes().forEach(n -> zoneOf.put(n.name(), n.zone()));
    try (DrillSession s = DrillSession.open("isolate-zone", cluster, settings.clients(), settings.seed(), out,
        nanos)) {
      s.startLoad(settings.warmUp());
      Map<Integer, String> leaders = ClusterWatch.leaders(s.view());
      String zone = settings.zone() != null ? settings.zone() : busiestZone(leaders, zoneOf);
      Set<String> victims = zoneOf.entrySet().stream().filter(e -> e.getValue().equals(zone))
          .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
      if (victims.isEmpty()) {
        throw new IllegalArgumentException("no storage node in zone '" + zone + "' (zones: "
            + new TreeSet<>(zoneOf.values()) + ")");
      }
      List<Integer> affected = ClusterWatch.ledBy(leaders, victims);
      out.printf("isolating zone %s %s (leaders of groups %s): SIGSTOP for %.1f s (election timeout %d ms). On a "
          + "local cluster zone isolation is SIMULATED by pausing the zone's processes; true network isolation is "
          + "the netns suite in chaos-tests (NetworkPartitionIT)%n", zone, victims, affected, pause.toMillis() / 1e3,
          electionMs);

      long pausedAt = nanos.getAsLong();
      double reelected;
      List<String> paused = new ArrayList<>();
      Thread resumeOnExit = new Thread(() -> resumeQuietly(paused), "drill-resume-paused");
      Runtime.getRuntime().addShutdownHook(resumeOnExit);
      try {
        for (String id : victims) {
          cluster.pause(id);
          paused.add(id);
        }
        reelected = s.waitForLeaders(victims, pausedAt, pause);
        Thread.sleep(Math.max(0, pause.toNanos() - (nanos.getAsLong() - pausedAt)) / 1_000_000);
      } finally {
        resumeQuietly(paused);
        try {
          Runtime.getRuntime().removeShutdownHook(resumeOnExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs or ran
        }
      }
      long resumedAt = nanos.getAsLong();
      out.printf("SIGCONT %s after %.1f s%n", victims, (resumedAt - pausedAt) / 1e9);
      Map<String, String> ready = awaitReady(victims, resumedAt);
      Thread.sleep(settings.afterResume().toMillis());

      Checks checks = s.finish();
      Map<Integer, Double> gaps = s.writeGaps(checks.history(), pausedAt);
      Map<Integer, Double> affectedGaps = WriteGaps.only(gaps, affected);
      out.println("--- report ---");
      out.printf("zone %s %s paused (SIGSTOP, simulating its isolation on this local cluster) for %.1f s%n", zone,
          victims, (resumedAt - pausedAt) / 1e9);
      out.printf("every group had a leader outside zone %s after: %s%n", zone,
          Double.isInfinite(reelected) ? "NOT within the pause" : String.format("%.3f s", reelected));
      out.printf("write unavailability of the groups zone %s led (longest gap between acknowledged writes), s: %s%n",
          zone, Checks.format(affectedGaps));
      out.printf("longest gap in any group after the pause, s: %s%n", Checks.format(gaps));
      out.printf("resumed nodes ready again (GET /ready) after SIGCONT: %s%n", ready);
      checks.print(out, settings.seed());
      boolean allReady = ready.values().stream().noneMatch(v -> v.startsWith("NOT"));
      return new DrillOutcome(checks.clean() && allReady, WriteGaps.worst(affectedGaps));
    }
  }

  private void resumeQuietly(List<String> paused) {
    for (String id : paused) {
      try {
        cluster.resume(id);
      } catch (IOException | RuntimeException e) {
        System.err.println("could not SIGCONT " + id + ": " + e.getMessage() + " (run `kill -CONT` on its pid)");
      }
    }
  }

  /** Seconds from SIGCONT until each node answers GET /ready with 200, or "NOT ready ...". */
  private Map<String, String> awaitReady(Set<String> ids, long since) throws InterruptedException {
    NodeReady probe = new NodeReady(Duration.ofSeconds(2));
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : ids) {
      NodeSlot slot = cluster.layout().nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
      NodeReady.Status st = probe.await(slot.host(), slot.httpPort(), Duration.ofSeconds(60), 100, nanos);
      out.put(id, st.ready() ? String.format("%.3f s", (nanos.getAsLong() - since) / 1e9)
          : "NOT ready after 60 s: " + st.detail());
    }
    return out;
  }

  /**
   * How long to pause: the requested time, which must exceed the election timeout (or nothing is isolated), else
   * five election timeouts but at least 10 s, so the other zones elect new leaders, and the metadata leader hears
   * about them, well before the zone comes back.
   */
  static Duration pauseFor(int electionTimeoutMs, Duration requested) {
    if (requested != null) {
      if (requested.toMillis() <= electionTimeoutMs) {
        throw new IllegalArgumentException("--pause-secs " + requested.toSeconds() + " is not longer than the "
            + "election timeout (" + electionTimeoutMs + " ms): the zone would not lose its leaderships");
      }
      return requested;
    }
    return Duration.ofMillis(Math.max(10_000, 5L * electionTimeoutMs));
  }

  /** The node's {@code --election-timeout-ms} from its recorded command line, else the node's default. */
  static int electionTimeoutMs(List<String> command) {
    for (int i = 0; i < command.size(); i++) {
      String a = command.get(i);
      if (a.equals("--election-timeout-ms") && i + 1 < command.size()) {
        return Integer.parseInt(command.get(i + 1));
      }
      if (a.startsWith("--election-timeout-ms=")) {
        return Integer.parseInt(a.substring(a.indexOf('=') + 1));
      }
    }
    return DEFAULT_ELECTION_TIMEOUT_MS;
  }

  /** The zone whose nodes lead the most groups (ties: the first zone by name); the first zone when none lead. */
  static String busiestZone(Map<Integer, String> leaders, Map<String, String> zoneOfNode) {
    Map<String, Long> perZone = new TreeMap<>();
    zoneOfNode.values().forEach(z -> perZone.put(z, 0L));
    leaders.values().stream().map(zoneOfNode::get).filter(java.util.Objects::nonNull)
        .forEach(z -> perZone.merge(z, 1L, Long::sum));
    return perZone.entrySet().stream()
        .max(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey).orElseThrow(() -> new IllegalStateException("the cluster has no storage nodes"));
  }
}
