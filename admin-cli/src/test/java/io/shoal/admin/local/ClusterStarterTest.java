package io.shoal.admin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.admin.Views;
import io.shoal.proto.ClusterView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `up` end to end, with sleep processes and fake services in place of nodes and router. */
@Timeout(90)
class ClusterStarterTest {

  @TempDir
  Path dir;

  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private final int offset = TestPorts.freeOffset(3);
  private final int routerPort = TestPorts.freePortBeside(offset, 6);

  @AfterEach
  void killLeftovers() throws Exception {
    if (LocalCluster.exists(dir)) {
      for (ProcessRecord p : ClusterFile.read(dir).processes()) {
        if (Processes.isOurs(p)) {
          Processes.kill(p.pid());
        }
      }
    }
  }

  private ClusterStarter starter(SleepCommands commands) {
    return new ClusterStarter(commands, progress::add);
  }

  private ClusterStarter.Options options(Integer nodes, Duration timeout) {
    return new ClusterStarter.Options(dir, nodes, 6, routerPort, timeout, offset);
  }

  @Test
  void upStartsNodesThenRouterAndIsIdempotent() throws Exception {
    try (FakeServices fakes = new FakeServices(dir, Views.healthy(6))) {
      ClusterStarter.Result r = starter(new SleepCommands())
          .up(options(3, Duration.ofSeconds(30)));

      assertThat(r.started()).containsExactly("n1", "n2", "n3", "router");
      assertThat(r.endpoint()).hasToString("http://127.0.0.1:" + routerPort);
      LocalCluster c = LocalCluster.load(dir);
      assertThat(c.liveness()).containsOnlyKeys("n1", "n2", "n3", "router").doesNotContainValue(false);
      assertThat(c.file().groups()).isEqualTo(6);
      assertThat(c.process("n2").orElseThrow().grpcPort()).isEqualTo(7202 + offset);
      assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("starting 3 nodes: n1(a) n2(b) n3(c)"));
      assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("cluster ready: 3 nodes up, 6 groups led"));
      assertThat(String.join("\n", progress))
          .as("router only after the cluster is ready")
          .containsSubsequence("cluster ready", "starting router on port " + routerPort);

      ClusterStarter.Result again = starter(new SleepCommands())
          .up(new ClusterStarter.Options(dir, null, null, null, Duration.ofSeconds(30)));
      assertThat(again.alreadyRunning()).isTrue();

      c.killNode("n2");
      ClusterStarter.Result restart = starter(new SleepCommands())
          .up(new ClusterStarter.Options(dir, null, null, null, Duration.ofSeconds(30)));
      assertThat(restart.started()).containsExactly("n2");
      assertThat(LocalCluster.load(dir).liveness()).doesNotContainValue(false);

      List<StopOutcome> down = LocalCluster.load(dir).stopAll(Duration.ofSeconds(10));
      assertThat(down).extracting(StopOutcome::kind).containsOnly(StopOutcome.Kind.TERMINATED);
    }
  }

  @Test
  void aNodeThatDiesDuringStartFailsUpWithItsLogAndStopsTheOthers() throws Exception {
    SleepCommands commands = new SleepCommands()
        .override("n2", List.of("sh", "-c", "echo boom: bad config; exit 3"));
    try (FakeServices fakes = new FakeServices(dir, Views.healthy(6).toBuilder()
        .clearLeaders().build())) {
      assertThatThrownBy(() -> starter(commands).up(options(3, Duration.ofSeconds(30))))
          .isInstanceOf(StartFailedException.class)
          .hasMessage("n2 exited during start with code 3")
          .satisfies(e -> assertThat(((StartFailedException) e).details())
              .anySatisfy(l -> assertThat(l).contains("n2.log"))
              .contains("boom: bad config"));
    }
    ClusterFile f = ClusterFile.read(dir);
    assertThat(f.processes()).allSatisfy(p -> {
      assertThat(p.state()).isEqualTo(ProcessRecord.State.STOPPED);
      assertThat(p.pid() == null || !Processes.isAlive(p.pid())).isTrue();
    });
    assertThat(f.router().orElseThrow().pid()).as("router never started").isNull();
  }

  @Test
  void timeoutStopsEverythingAndSaysWhatWasMissing() throws Exception {
    ClusterView leaderless = Views.healthy(6).toBuilder().removeLeaders(2).build();
    try (FakeServices fakes = new FakeServices(dir, leaderless)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> starter(new SleepCommands()).up(options(3, Duration.ofSeconds(3))))
          .isInstanceOf(StartFailedException.class)
          .hasMessageContaining("timed out after")
          .hasMessageContaining("5 of 6 groups have a leader (waiting for 3)");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
    assertThat(LocalCluster.load(dir).liveness()).doesNotContainValue(true);
  }

  @Test
  void refusesToStartWhenAPortIsTaken() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
      taken.bind(new java.net.InetSocketAddress("127.0.0.1", 7103 + offset));
      assertThatThrownBy(() -> starter(new SleepCommands()).up(options(3, Duration.ofSeconds(5))))
          .hasMessageContaining("ports in use: 127.0.0.1:" + (7103 + offset) + " (n3)");
    }
    assertThat(LocalCluster.load(dir).liveness()).doesNotContainValue(true);
  }

  @Test
  void layoutComesFromClusterJsonUnlessOptionsSayOtherwise() {
    List<String> warnings = new ArrayList<>();
    ClusterFile recorded = new ClusterStarter(new SleepCommands(), l -> { })
        .plan(Optional.empty(), ClusterLayout.standard(4, 8, 8000), dir);

    ClusterLayout same = ClusterStarter.resolveLayout(Optional.of(recorded),
        new ClusterStarter.Options(dir, null, 6, null, Duration.ZERO), warnings::add);
    assertThat(same.nodes()).hasSize(4);
    assertThat(same.groups()).isEqualTo(8);
    assertThat(same.routerPort()).isEqualTo(8000);
    assertThat(warnings).singleElement().asString().contains("--groups 6 ignored");

    ClusterLayout grown = ClusterStarter.resolveLayout(Optional.of(recorded),
        new ClusterStarter.Options(dir, 5, null, 8080, Duration.ZERO), warnings::add);
    assertThat(grown.nodes()).hasSize(5);
    assertThat(grown.routerPort()).isEqualTo(8080);

    assertThatThrownBy(() -> ClusterStarter.resolveLayout(Optional.of(recorded),
        new ClusterStarter.Options(dir, 3, null, null, Duration.ZERO), warnings::add))
        .hasMessageContaining("cannot remove nodes");

    ClusterLayout fresh = ClusterStarter.resolveLayout(Optional.empty(),
        new ClusterStarter.Options(dir, null, null, null, Duration.ZERO), warnings::add);
    assertThat(fresh).as("a new 3-node cluster gets one data group").isEqualTo(ClusterLayout.standard(3, 1, 8000));

    ClusterLayout six = ClusterStarter.resolveLayout(Optional.empty(),
        new ClusterStarter.Options(dir, 6, null, null, Duration.ZERO), warnings::add);
    assertThat(six.groups()).as("one group per 3 nodes").isEqualTo(2);
    ClusterLayout asked = ClusterStarter.resolveLayout(Optional.empty(),
        new ClusterStarter.Options(dir, 3, 6, null, Duration.ZERO), warnings::add);
    assertThat(asked.groups()).as("--groups wins").isEqualTo(6);
  }
}
