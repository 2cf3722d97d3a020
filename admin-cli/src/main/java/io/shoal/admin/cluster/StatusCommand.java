package io.shoal.admin.cluster;

import io.shoal.admin.client.ClusterUnreachableException;
import io.shoal.admin.client.ClusterViewClient;
import io.shoal.admin.client.DynamoPing;
import io.shoal.admin.local.ClusterFile;
import io.shoal.admin.local.ClusterLayout;
import io.shoal.admin.local.LocalCluster;
import io.shoal.admin.status.StatusBuilder;
import io.shoal.admin.status.StatusFormatter;
import io.shoal.admin.status.StatusReport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show nodes, groups, leaders and local processes of the cluster.",
        "Exit code 1 if no metadata node answers."})
public final class StatusCommand implements Callable<Integer> {

  static final Duration DEADLINE = Duration.ofSeconds(2);

  @Spec
  CommandSpec spec;

  @Mixin
  DataDirOption dataDir;

  @Option(names = "--json", description = "Print one JSON document (stable field names).")
  boolean json;

  @Option(names = "--seeds", split = ",", paramLabel = "HOST:PORT",
      description = "Metadata nodes' gRPC addresses (default: from cluster.json, else"
          + " 127.0.0.1:7201,7202,7203).")
  List<String> seeds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = dataDir.resolve();
    Optional<LocalCluster> local =
        LocalCluster.exists(dir) ? Optional.of(LocalCluster.load(dir)) : Optional.empty();
    Optional<ClusterFile> file = local.map(LocalCluster::file);
    Map<String, Boolean> running = local.map(LocalCluster::liveness).orElse(Map.of());
    List<String> ask = seeds != null && !seeds.isEmpty() ? seeds
        : local.map(LocalCluster::seeds).orElseGet(() -> ClusterLayout.standard(
            ClusterLayout.DEFAULT_NODES, ClusterLayout.defaultGroups(ClusterLayout.DEFAULT_NODES),
            ClusterLayout.DEFAULT_ROUTER_PORT).seeds());

    StatusReport report;
    try (ClusterViewClient client = new ClusterViewClient(ask, DEADLINE)) {
      ClusterViewClient.Answer answer = client.fetch();
      Boolean serving = null;
      if (file.flatMap(ClusterFile::router).isPresent()) {
        URI endpoint = local.get().endpoint();
        serving = DynamoPing.serves(DynamoPing.newClient(DEADLINE), endpoint, DEADLINE);
      }
      report = StatusBuilder.build(answer.view(), answer.seed(), dir.toString(), file, running,
          serving, System.currentTimeMillis());
    } catch (ClusterUnreachableException e) {
      report = StatusBuilder.unreachable(e.getMessage(), dir.toString(), file, running);
    }
    out.print(json ? StatusFormatter.json(report) : StatusFormatter.text(report));
    out.flush();
    return report.reachable() ? 0 : 1;
  }
}
