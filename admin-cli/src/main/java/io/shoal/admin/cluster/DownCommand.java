package io.shoal.admin.cluster;

import io.shoal.admin.local.LocalCluster;
import io.shoal.admin.local.StopOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop the local cluster: SIGTERM the router, then the nodes; SIGKILL after 10 s."
        + " Data is kept; `up` restarts the same cluster.")
public final class DownCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataDirOption dataDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = dataDir.resolve();
    if (!LocalCluster.exists(dir)) {
      out.println("no cluster recorded in " + dir + "; nothing to stop");
      return 0;
    }
    List<StopOutcome> outcomes = LocalCluster.load(dir).stopAll(LocalCluster.DEFAULT_GRACE);
    outcomes.forEach(o -> out.println(o.describe()));
    boolean survived = outcomes.stream().anyMatch(o -> o.kind() == StopOutcome.Kind.SURVIVED);
    out.println(survived ? "some processes could not be stopped" : "Shoal is down");
    return survived ? 1 : 0;
  }
}
