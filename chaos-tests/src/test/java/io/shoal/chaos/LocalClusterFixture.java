package io.shoal.chaos;

import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A cluster started by {@code shoal up} on the standard local ports in {@code target/<name>}, with a probe of its
 * metadata and an AWS SDK client: what a real-process IT class needs, started once and stopped at the end.
 */
final class LocalClusterFixture implements AutoCloseable {
  final ShoalProcesses shoal;
  final ClusterProbe probe;
  final DynamoDbClient ddb;

  private LocalClusterFixture(ShoalProcesses shoal, ClusterProbe probe, DynamoDbClient ddb) {
    this.shoal = shoal;
    this.probe = probe;
    this.ddb = ddb;
  }

  /** @param sdkRetries whether the SDK client retries (off where every failure must reach the history) */
  static LocalClusterFixture up(String name, boolean sdkRetries) throws Exception {
    Path dir = Path.of("target", name).toAbsolutePath();
    KillLeaderNodeIT.deleteTree(dir);
    ShoalProcesses shoal = new ShoalProcesses(dir);
    // Six groups, not ./shoal up's default of one: the drills must see writes routed to groups on every node.
    shoal.mustRun("up", "--groups", "6", "--timeout", "180");
    return new LocalClusterFixture(shoal, new ClusterProbe(ShoalProcesses.SEEDS), Clients.dynamo(sdkRetries));
  }

  @Override
  public void close() throws Exception {
    ddb.close();
    probe.close();
    shoal.cli("down");
  }
}
