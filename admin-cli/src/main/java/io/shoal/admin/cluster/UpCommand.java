package io.shoal.admin.cluster;

import io.shoal.admin.local.ClusterStarter;
import io.shoal.admin.local.JavaCommandFactory;
import io.shoal.admin.local.ShoalInstall;
import io.shoal.admin.local.StartFailedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Start a local cluster (nodes, then the router) and wait until it serves.",
        "An existing data directory is restarted with its recorded layout; processes that already"
            + " run are left alone."})
public final class UpCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataDirOption dataDir;

  @Option(names = "--nodes", paramLabel = "N",
      description = "Storage nodes (default 3, or as recorded). The first 3 form the metadata group.")
  Integer nodes;

  @Option(names = "--groups", paramLabel = "N",
      description = "Raft groups the hash space is split into, for a new cluster (default: one per 3 nodes,"
          + " at least 1; see docs/performance.md).")
  Integer groups;

  @Option(names = "--port", paramLabel = "PORT",
      description = "DynamoDB API port of the router (default 8000, or as recorded).")
  Integer port;

  @Option(names = "--port-offset", paramLabel = "N", defaultValue = "0",
      description = "For a new cluster: add N to every node port (Raft 7100+N+i, gRPC 7200+N+i, HTTP 7300+N+i), to"
          + " run beside a cluster on the standard ports; a recorded cluster keeps its ports (default 0).")
  int portOffset;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Give up (and stop what was started) after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ShoalInstall install = ShoalInstall.locate();
    ClusterStarter starter = new ClusterStarter(JavaCommandFactory.fromEnvironment(install), line -> {
      out.println(line);
      out.flush();
    });
    try {
      ClusterStarter.Result r = starter.up(new ClusterStarter.Options(dataDir.resolve(), nodes,
          groups, port, Duration.ofSeconds(timeoutSeconds), portOffset));
      out.println(r.alreadyRunning()
          ? "Shoal is already running: DynamoDB API on " + r.cluster().endpoint()
          : "Shoal is up: DynamoDB API on " + r.endpoint());
      return 0;
    } catch (StartFailedException e) {
      err.println("shoal up failed: " + e.getMessage());
      e.details().forEach(err::println);
      err.println("stopped everything this run started; logs are in " + dataDir.resolve()
          + "/logs");
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
