package io.shoal.admin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** LocalCluster against real (sleep) processes. */
@Timeout(60)
class LocalClusterTest {

  @TempDir
  Path dir;

  private LocalCluster cluster;

  @BeforeEach
  void setUp() throws Exception {
    int offset = TestPorts.freeOffset(3);
    ClusterLayout layout = ClusterLayout.standard(3, 2, TestPorts.freePortBeside(offset, 3), offset);
    ClusterStarter planner = new ClusterStarter(new SleepCommands(), line -> { });
    cluster = LocalCluster.create(dir, planner.plan(Optional.empty(), layout, dir));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ProcessRecord p : cluster.reload().processes()) {
      if (p.pid() != null && Processes.isOurs(p)) {
        Processes.kill(p.pid());
      }
    }
  }

  @Test
  void startKillAndRestartANode() throws Exception {
    assertThat(LocalCluster.load(dir).processes()).extracting(ProcessRecord::name)
        .containsExactly("n1", "n2", "n3", "router");

    ProcessRecord first = cluster.startNode("n1");
    awaitRunning("n1");
    assertThat(LocalCluster.load(dir).process("n1").orElseThrow())
        .satisfies(r -> assertThat(r.state()).isEqualTo(ProcessRecord.State.RUNNING))
        .satisfies(r -> assertThat(r.pid()).isEqualTo(first.pid()));
    assertThat(cluster.startNode("n1").pid()).as("already running: not started twice")
        .isEqualTo(first.pid());
    assertThat(Files.readString(cluster.logFile("n1"))).contains("starting: sleep 600.1");

    StopOutcome killed = cluster.killNode("n1");
    assertThat(killed.kind()).isEqualTo(StopOutcome.Kind.KILLED);
    assertThat(Processes.isAlive(first.pid())).isFalse();
    assertThat(cluster.isRunning("n1")).isFalse();
    assertThat(LocalCluster.load(dir).process("n1").orElseThrow().state())
        .isEqualTo(ProcessRecord.State.STOPPED);
    assertThat(cluster.killNode("n1").kind()).isEqualTo(StopOutcome.Kind.NOT_RUNNING);

    ProcessRecord second = cluster.startNode("n1");
    awaitRunning("n1");
    assertThat(second.pid()).isNotEqualTo(first.pid());
    assertThat(second.command()).isEqualTo(first.command());
    assertThat(Files.readString(cluster.logFile("n1")).split("starting: ", -1)).hasSize(3);
  }

  @Test
  void stopAllStopsEverythingAndRecordsIt() throws Exception {
    for (String n : List.of("n1", "n2", "n3", "router")) {
      cluster.start(n);
    }
    for (String n : List.of("n1", "n2", "n3", "router")) {
      awaitRunning(n);
    }
    List<StopOutcome> out = cluster.stopAll(Duration.ofSeconds(10));

    assertThat(out).extracting(StopOutcome::name).containsExactly("router", "n1", "n2", "n3");
    assertThat(out).extracting(StopOutcome::kind).containsOnly(StopOutcome.Kind.TERMINATED);
    assertThat(LocalCluster.load(dir).processes()).allSatisfy(p -> {
      assertThat(p.state()).isEqualTo(ProcessRecord.State.STOPPED);
      assertThat(Processes.isAlive(p.pid())).isFalse();
    });
    assertThat(cluster.liveness()).containsOnlyKeys("n1", "n2", "n3", "router")
        .doesNotContainValue(true);
  }

  @Test
  void neverSignalsAPidThatNowRunsSomethingElse() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "30.9").start();
    try {
      ProcessRecord n2 = cluster.process("n2").orElseThrow();
      cluster.save(cluster.file().with(n2.started(stranger.pid(), java.time.Instant.now())));

      assertThat(cluster.isRunning("n2")).isFalse();
      assertThat(cluster.kill("n2").kind()).isEqualTo(StopOutcome.Kind.NOT_OURS);
      assertThat(stranger.isAlive()).as("unrelated process untouched").isTrue();
      assertThat(cluster.process("n2").orElseThrow().state())
          .isEqualTo(ProcessRecord.State.STOPPED);
    } finally {
      stranger.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusesToStartOnABusyPortAndNamesUnknownProcesses() throws Exception {
    ProcessRecord n3 = cluster.process("n3").orElseThrow();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", n3.grpcPort()));
      assertThatThrownBy(() -> cluster.startNode("n3"))
          .hasMessageContaining("port 127.0.0.1:" + n3.grpcPort() + " is in use");
    }
    assertThat(cluster.isRunning("n3")).isFalse();
    assertThatThrownBy(() -> cluster.killNode("n9")).hasMessageContaining("known: n1, n2, n3, router");
    assertThatThrownBy(() -> cluster.killNode("router")).hasMessageContaining("not a storage node");
  }

  @Test
  void loadWithoutAClusterSaysHowToStartOne(@TempDir Path empty) {
    assertThat(LocalCluster.exists(empty)).isFalse();
    assertThatThrownBy(() -> LocalCluster.load(empty)).hasMessageContaining("shoal up");
  }

  private void awaitRunning(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!cluster.isRunning(name) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(cluster.isRunning(name)).as(name + " running").isTrue();
  }
}
