package io.shoal.admin.drill;

import io.shoal.admin.cluster.DataDirOption;
import io.shoal.admin.local.LocalCluster;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drill", mixinStandardHelpOptions = true,
    description = "Run a failover drill against the local cluster under a small load and print a report "
        + "(drills: kill-leader).")
public final class DrillCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataDirOption dataDir;

  @Parameters(paramLabel = "DRILL", description = "kill-leader")
  String drill;

  @Option(names = "--clients", defaultValue = "8", description = "Concurrent client threads (default 8).")
  int clients;

  @Option(names = "--warm-up-secs", defaultValue = "5") int warmUpSecs;

  @Option(names = "--down-secs", defaultValue = "10",
      description = "How long the killed node stays down (default 10).") int downSecs;

  @Option(names = "--after-secs", defaultValue = "5",
      description = "Load after the restart before the checks (default 5).") int afterSecs;

  @Option(names = "--seed", description = "Seed of the workload (default: time based, printed).") Long seed;

  @Option(names = "--runs", defaultValue = "1",
      description = "Run the drill this many times and print the median write unavailability (default 1).")
  int runs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!"kill-leader".equals(drill)) {
      spec.commandLine().getErr().println("unknown drill '" + drill + "' (known: kill-leader)");
      return 2;
    }
    long s = seed != null ? seed : System.nanoTime();
    boolean clean = true;
    double[] unavailability = new double[runs];
    for (int i = 0; i < runs; i++) {
      KillLeaderDrill.Settings settings = new KillLeaderDrill.Settings(clients, Duration.ofSeconds(warmUpSecs),
          Duration.ofSeconds(downSecs), Duration.ofSeconds(afterSecs), s + i);
      KillLeaderDrill.Outcome o =
          new KillLeaderDrill(LocalCluster.load(dataDir.resolve()), settings, out, System::nanoTime).run();
      clean &= o.clean();
      unavailability[i] = o.unavailability();
      out.flush();
    }
    if (runs > 1) {
      double[] sorted = unavailability.clone();
      java.util.Arrays.sort(sorted);
      double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
      out.printf("=== %d drills: write unavailability after a leader kill (worst group the killed node led), s: "
          + "median %.3f, per run %s; all checked %s%n", runs, median, java.util.Arrays.toString(unavailability),
          clean ? "CLEAN" : "NOT CLEAN");
    }
    out.flush();
    return clean ? 0 : 1;
  }
}
