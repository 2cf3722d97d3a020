package io.shoal.admin.drill;

import io.shoal.admin.client.NodeReady;
import io.shoal.admin.local.LocalCluster;
import io.shoal.admin.local.NodeSlot;
import io.shoal.admin.local.StopOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code shoal drill rolling-restart}: under the recorded load, restart every storage node one at a time: SIGTERM,
 * wait for it to exit (SIGKILL after the grace period, reported), start it again, and wait until its
 * {@code GET /ready} answers 200 (registered, every group led, its replicas caught up) before touching the next.
 * A node that does not become ready stops the roll. The report gives each step's times, client errors and the
 * write unavailability of every group during the roll, then the usual checks.
 *
 * <p>It uses the node's SIGTERM handling as it is (whatever drain the node does on SIGTERM, the drill just waits).
 */
final class RollingRestartDrill {
  /** Options of one run: SIGTERM grace per node, how long a restarted node may take to be ready. */
  record Settings(int clients, Duration warmUp, Duration grace, Duration readyTimeout, Duration afterRoll,
      long seed) {}

  /** One node's restart, times in seconds from its SIGTERM. */
  record Step(String node, StopOutcome.Kind stop, double exitedAfter, double readyAfter, String notReady) {
    boolean ready() {
      return notReady == null;
    }

    @Override
    public String toString() {
      return String.format("%s: SIGTERM -> %s after %.3f s, started, %s", node,
          stop == StopOutcome.Kind.TERMINATED ? "exited" : stop.name().toLowerCase() + " (grace ran out or not "
              + "running)", exitedAfter, ready() ? String.format("ready (GET /ready 200) %.3f s after the SIGTERM",
                  readyAfter) : "NOT READY: " + notReady);
    }
  }

  private final LocalCluster cluster;
  private final Settings settings;
  private final PrintWriter out;
  private final LongSupplier nanos;
  private final NodeReady ready = new NodeReady(Duration.ofSeconds(2));

  RollingRestartDrill(LocalCluster cluster, Settings settings, PrintWriter out, LongSupplier nanos) {
    this.cluster = cluster;
    this.settings = settings;
    this.out = out;
    this.nanos = nanos;
  }

  DrillOutcome run() throws IOException, InterruptedException {
    List<NodeSlot> nodes = cluster.layout().nodes();
    try (DrillSession s = DrillSession.open("rolling-restart", cluster, settings.clients(), settings.seed(), out,
        nanos)) {
      for (NodeSlot n : nodes) {
        NodeReady.Status st = ready.await(n.host(), n.httpPort(), settings.readyTimeout(), 200, nanos);
        if (!st.ready()) {
          throw new IllegalStateException(n.id() + " is not ready before the roll (GET http://" + n.host() + ":"
              + n.httpPort() + "/ready: " + st.detail() + "); not restarting anything");
        }
      }
      s.startLoad(settings.warmUp());
      long rollStart = nanos.getAsLong();
      List<Step> steps = new ArrayList<>();
      for (NodeSlot n : nodes) {
        Step step = restart(n);
        steps.add(step);
        out.println(step);
        out.flush();
        if (!step.ready()) {
          out.printf("stopping the roll: %s did not become ready%n", n.id());
          break;
        }
      }
      double rollSecs = (nanos.getAsLong() - rollStart) / 1e9;
      Thread.sleep(settings.afterRoll().toMillis());

      Checks checks = s.finish();
      Map<Integer, Double> gaps = s.writeGaps(checks.history(), rollStart);
      out.println("--- report ---");
      out.printf("rolling restart of %d of %d nodes took %.3f s%n", steps.size(), nodes.size(), rollSecs);
      steps.forEach(out::println);
      out.printf("write unavailability per group during the roll (longest gap between acknowledged writes), s: %s%n",
          Checks.format(gaps));
      checks.print(out, settings.seed());
      boolean allReady = steps.size() == nodes.size() && steps.stream().allMatch(Step::ready);
      return new DrillOutcome(checks.clean() && allReady, WriteGaps.worst(gaps));
    }
  }

  private Step restart(NodeSlot n) throws IOException, InterruptedException {
    long t0 = nanos.getAsLong();
    StopOutcome stopped = cluster.stop(n.id(), settings.grace());
    double exited = (nanos.getAsLong() - t0) / 1e9;
    cluster.startNode(n.id());
    long deadline = nanos.getAsLong() + settings.readyTimeout().toNanos();
    NodeReady.Status st = ready.check(n.host(), n.httpPort());
    while (!st.ready() && nanos.getAsLong() < deadline) {
      if (cluster.hasExited(n.id())) {
        return new Step(n.id(), stopped.kind(), exited, Double.NaN, "exited after the restart; log: "
            + String.join(" | ", cluster.logTail(n.id(), 5)));
      }
      Thread.sleep(100);
      st = ready.check(n.host(), n.httpPort());
    }
    return st.ready() ? new Step(n.id(), stopped.kind(), exited, (nanos.getAsLong() - t0) / 1e9, null)
        : new Step(n.id(), stopped.kind(), exited, Double.NaN, "not ready " + settings.readyTimeout().toSeconds()
            + " s after the start: " + st.detail());
  }
}
