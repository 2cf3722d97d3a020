package io.shoal.admin.cluster;

import io.shoal.admin.local.LocalCluster;
import io.shoal.admin.local.ProcessRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "start-node", mixinStandardHelpOptions = true,
    description = "Start one stopped process of the local cluster again, with its recorded command"
        + " line (its log is appended to).")
public final class StartNodeCommand implements Callable<Integer> {

  /** A JVM that dies this fast was misconfigured; later crashes show up in `status`. */
  private static final long EARLY_EXIT_CHECK_MS = 1500;

  @Spec
  CommandSpec spec;

  @Mixin
  DataDirOption dataDir;

  @Parameters(paramLabel = "ID", description = "Node id (n1, n2, ...) or 'router'.")
  String id;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalCluster cluster = LocalCluster.load(dataDir.resolve());
    if (cluster.isRunning(id)) {
      out.println(id + " is already running (pid " + cluster.process(id).get().pid() + ")");
      return 0;
    }
    ProcessRecord r = cluster.start(id);
    Thread.sleep(EARLY_EXIT_CHECK_MS);
    if (cluster.hasExited(id)) {
      err.println(id + " exited right after start"
          + cluster.exitCode(id).map(c -> " with code " + c).orElse("") + "; last lines of "
          + cluster.logFile(id) + ":");
      cluster.logTail(id, 30).forEach(err::println);
      cluster.stop(id, LocalCluster.DEFAULT_GRACE); // records it stopped
      return 1;
    }
    out.println("started " + id + " (pid " + r.pid() + "), log " + cluster.logFile(id));
    return 0;
  }
}
