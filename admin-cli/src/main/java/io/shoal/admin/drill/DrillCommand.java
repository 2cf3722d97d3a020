package io.shoal.admin.drill;

import io.shoal.admin.cluster.DataDirOption;
import io.shoal.admin.local.LocalCluster;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true,
    description = {"Run a failover drill against the local cluster under a small recorded load and print a report "
        + "judged by the set, linearizability and replica-agreement checks; exits 0 when it checked clean, 1 when not.",
        "Drills: kill-leader (kill -9 the busiest leader, restart it), isolate-zone (pause every node of a zone longer "
            + "than the election timeout: on a local cluster isolation is simulated with SIGSTOP/SIGCONT), "
            + "rolling-restart (SIGTERM, restart and wait for /ready, one node at a time), leader-storm (move a random "
            + "group's leadership to a random replica every 200-600 ms)."})
public final class DrillCommand implements Callable<Integer> {
  static final List<String> DRILLS = List.of("kill-leader", "isolate-zone", "rolling-restart", "leader-storm");

  @Spec
  CommandSpec spec;

  @Mixin
  DataDirOption dataDir;

  @Parameters(paramLabel = "DRILL", description = "kill-leader, isolate-zone, rolling-restart or leader-storm")
  String drill;

  @Option(names = "--clients", defaultValue = "8", description = "Concurrent client threads (default 8).")
  int clients;

  @Option(names = "--warm-up-secs", defaultValue = "5") int warmUpSecs;

  @Option(names = "--down-secs", defaultValue = "10",
      description = "kill-leader: how long the killed node stays down (default 10).") int downSecs;

  @Option(names = "--after-secs", defaultValue = "5",
      description = "Load after the fault is over, before the checks (default 5).") int afterSecs;

  @Option(names = "--zone", description = "isolate-zone: the zone to isolate (default: the zone leading the most "
      + "groups).") String zone;

  @Option(names = "--pause-secs", description = "isolate-zone: how long the zone stays paused; must exceed the "
      + "election timeout (default: 5 election timeouts, at least 10).") Integer pauseSecs;

  @Option(names = "--grace-secs", defaultValue = "30",
      description = "rolling-restart: SIGTERM grace per node before SIGKILL (default 30).") int graceSecs;

  @Option(names = "--ready-timeout-secs", defaultValue = "120",
      description = "rolling-restart: how long a restarted node may take to answer GET /ready with 200 "
          + "(default 120).") int readyTimeoutSecs;

  @Option(names = "--storm-secs", defaultValue = "20",
      description = "leader-storm: how long the storm lasts (default 20).") int stormSecs;

  @Option(names = "--seed", description = "Seed of the workload (default: time based, printed).") Long seed;

  @Option(names = "--runs", defaultValue = "1",
      description = "Run the drill this many times and print the median write unavailability (default 1).")
  int runs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!DRILLS.contains(drill)) {
      spec.commandLine().getErr().println("unknown drill '" + drill + "' (known: " + String.join(", ", DRILLS) + ")");
      return 2;
    }
    if (pauseSecs != null && !"isolate-zone".equals(drill)) {
      spec.commandLine().getErr().println("--pause-secs applies to isolate-zone only");
      return 2;
    }
    long s = seed != null ? seed : System.nanoTime();
    List<DrillOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      outcomes.add(runOnce(LocalCluster.load(dataDir.resolve()), s + i, out));
      out.flush();
    }
    if (runs > 1) {
      out.println(DrillSummary.line(drill, headline(), outcomes));
    }
    out.flush();
    return outcomes.stream().allMatch(DrillOutcome::clean) ? 0 : 1;
  }

  private DrillOutcome runOnce(LocalCluster cluster, long runSeed, PrintWriter out) throws Exception {
    Duration warmUp = Duration.ofSeconds(warmUpSecs);
    Duration after = Duration.ofSeconds(afterSecs);
    return switch (drill) {
      case "kill-leader" -> new KillLeaderDrill(cluster, new KillLeaderDrill.Settings(clients, warmUp,
          Duration.ofSeconds(downSecs), after, runSeed), out, System::nanoTime).run();
      case "isolate-zone" -> new IsolateZoneDrill(cluster, new IsolateZoneDrill.Settings(clients, warmUp, zone,
          pauseSecs == null ? null : Duration.ofSeconds(pauseSecs), after, runSeed), out, System::nanoTime).run();
      case "rolling-restart" -> new RollingRestartDrill(cluster, new RollingRestartDrill.Settings(clients, warmUp,
          Duration.ofSeconds(graceSecs), Duration.ofSeconds(readyTimeoutSecs), after, runSeed), out,
          System::nanoTime).run();
      case "leader-storm" -> new LeaderStormDrill(cluster, new LeaderStormDrill.Settings(clients, warmUp,
          Duration.ofSeconds(stormSecs), after, runSeed), out, System::nanoTime).run();
      default -> throw new IllegalArgumentException(drill);
    };
  }

  private String headline() {
    return switch (drill) {
      case "kill-leader" -> "worst group the killed node led";
      case "isolate-zone" -> "worst group the isolated zone led";
      case "leader-storm" -> "worst group during the storm";
      default -> "worst group during the roll";
    };
  }
}
