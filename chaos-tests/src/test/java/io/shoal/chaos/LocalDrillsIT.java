package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `shoal drill isolate-zone`, `rolling-restart` and `leader-storm`, each run once through the CLI against a cluster that
 * `shoal up` starts on non-standard ports (router and every node port moved), so it never meets a cluster on
 * 7101-7303/8000. Each drill must exit 0 and print a report that checked clean.
 */
class LocalDrillsIT {
  static ShoalProcesses shoal;

  @BeforeAll
  static void up() throws Exception {
    Path dir = Path.of("target", "it-local-drills").toAbsolutePath();
    deleteTree(dir);
    shoal = new ShoalProcesses(dir);
    int[] ports = freeLayout();
    System.out.printf("[local-drills] router port %d, node port offset %d%n", ports[0], ports[1]);
    shoal.mustRun("up", "--groups", "6", "--port", Integer.toString(ports[0]),
        "--port-offset", Integer.toString(ports[1]),
        "--timeout", "180");
  }

  @AfterAll
  static void down() throws Exception {
    if (shoal != null) {
      shoal.cli("down");
    }
  }

  @Test
  void isolateZoneChecksClean() throws Exception {
    long t0 = System.nanoTime();
    ShoalProcesses.Result r = shoal.run(Map.of(), "drill", "isolate-zone", "--clients", "4", "--warm-up-secs", "2",
        "--after-secs", "3", "--seed", "11");
    System.out.printf("[local-drills] isolate-zone took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(r.output()).contains("SIMULATED by pausing", "every group had a leader outside zone",
        "resumed nodes ready again", "history checked CLEAN");
    assertThat(r.code()).as(r.output()).isZero();
  }

  @Test
  void rollingRestartChecksClean() throws Exception {
    long t0 = System.nanoTime();
    ShoalProcesses.Result r = shoal.run(Map.of(), "drill", "rolling-restart", "--clients", "4", "--warm-up-secs",
        "2", "--after-secs", "2", "--seed", "12");
    System.out.printf("[local-drills] rolling-restart took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(r.output()).contains("rolling restart of 3 of 3 nodes", "write unavailability per group during the "
        + "roll", "history checked CLEAN");
    assertThat(r.lines().stream().filter(l -> l.contains("SIGTERM -> exited")).count()).isGreaterThanOrEqualTo(3);
    assertThat(r.code()).as(r.output()).isZero();
  }

  @Test
  void leaderStormChecksClean() throws Exception {
    long t0 = System.nanoTime();
    ShoalProcesses.Result r = shoal.run(Map.of(), "drill", "leader-storm", "--clients", "4", "--warm-up-secs", "2",
        "--storm-secs", "10", "--after-secs", "2", "--seed", "13");
    System.out.printf("[local-drills] leader-storm took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(r.output()).contains("transfers {", "started=", "history checked CLEAN");
    assertThat(r.code()).as(r.output()).isZero();
  }

  /**
   * A router port and a node port offset whose ports (7100+o+i, 7200+o+i, 7300+o+i for 3 nodes) are all free now,
   * chosen away from the standard ones.
   */
  static int[] freeLayout() throws IOException {
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset = 10_000 + (int) ((pid + attempt * 37L) % 400) * 10;
      int router = 7400 + offset + 1;
      boolean free = isFree(router);
      for (int i = 1; i <= 3 && free; i++) {
        free = isFree(7100 + offset + i) && isFree(7200 + offset + i) && isFree(7300 + offset + i);
      }
      if (free) {
        return new int[] {router, offset};
      }
    }
    throw new IllegalStateException("no free ports for a drill cluster");
  }

  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
