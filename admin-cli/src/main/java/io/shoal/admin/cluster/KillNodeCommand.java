package io.shoal.admin.cluster;

import io.shoal.admin.local.LocalCluster;
import io.shoal.admin.local.StopOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "kill-node", mixinStandardHelpOptions = true,
    description = "SIGKILL one process of the local cluster (a crash, no clean shutdown).")
public final class KillNodeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataDirOption dataDir;

  @Parameters(paramLabel = "ID", description = "Node id (n1, n2, ...) or 'router'.")
  String id;

  @Override
  public Integer call() throws Exception {
    StopOutcome o = LocalCluster.load(dataDir.resolve()).kill(id);
    spec.commandLine().getOut().println(o.describe());
    return o.kind() == StopOutcome.Kind.SURVIVED ? 1 : 0;
  }
}
