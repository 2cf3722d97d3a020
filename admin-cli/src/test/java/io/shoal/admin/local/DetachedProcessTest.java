package io.shoal.admin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: started detached, found alive, identified, killed. */
@Timeout(60)
class DetachedProcessTest {

  @TempDir
  Path dir;

  private long pid = -1;

  @AfterEach
  void cleanUp() {
    if (pid > 0) {
      Processes.kill(pid);
    }
  }

  @Test
  void startsInItsOwnSessionWritesTheLogAndDiesOnSigkill() throws Exception {
    List<String> cmd = List.of("sleep", "30.25");
    Process p = ProcessLauncher.startDetached(cmd, dir, dir.resolve("logs/s.log"));
    pid = p.pid();

    assertThat(Processes.isAlive(pid)).isTrue();
    awaitCommandLine(pid, cmd);
    ProcessRecord r = record(cmd, pid);
    assertThat(Processes.isOurs(r)).isTrue();
    assertThat(Processes.isOurs(record(List.of("sleep", "31"), pid))).as("other args").isFalse();
    if (ProcessLauncher.usesSetsid()) {
      assertThat(Processes.sessionId(pid)).as("setsid made it a session leader").contains(pid);
      assertThat(Processes.sessionId(pid))
          .isNotEqualTo(Processes.sessionId(ProcessHandle.current().pid()));
    }
    assertThat(Files.readString(dir.resolve("logs/s.log"))).contains("starting: sleep 30.25");

    Processes.kill(pid);
    assertThat(Processes.awaitExit(pid, Duration.ofSeconds(10))).isTrue();
    assertThat(Processes.isAlive(pid)).isFalse();
    assertThat(Processes.isOurs(r)).isFalse();
  }

  @Test
  void sigtermStopsIt() throws Exception {
    pid = ProcessLauncher.startDetached(List.of("sleep", "30.5"), dir, dir.resolve("s.log")).pid();
    Processes.terminate(pid);
    assertThat(Processes.awaitExit(pid, Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void survivesTheJvmThatStartedIt() throws Exception {
    String java = ShoalInstall.javaBinary();
    Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DetachProbe.class.getName(), dir.toString(), "30.75").redirectErrorStream(true).start();
    String line;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
      line = in.readLine();
    }
    assertThat(probe.waitFor(30, TimeUnit.SECONDS)).as("probe JVM exits").isTrue();
    assertThat(line).matches("\\d+");
    pid = Long.parseLong(line);

    Thread.sleep(300); // give a wrongly attached child time to die with its parent
    assertThat(Processes.isAlive(pid)).as("sleep outlives the JVM that started it").isTrue();
    assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
        .isNotEqualTo(Optional.of(probe.pid()));
    assumeThat(Processes.commandLine(pid)).isPresent();
    assertThat(Processes.commandLine(pid).get()).containsExactly("sleep", "30.75");

    Processes.kill(pid);
    // Not our child: it is reaped by init (or lingers as a zombie, which must count as dead).
    assertThat(Processes.awaitExit(pid, Duration.ofSeconds(10))).isTrue();
  }

  static ProcessRecord record(List<String> cmd, long pid) {
    return new ProcessRecord("s", ProcessRecord.Role.OTHER, null, "127.0.0.1", null, null, null,
        cmd, cmd.get(0), null, pid, ProcessRecord.State.RUNNING, null, null);
  }

  /** Right after start the argv may still be the launcher's (setsid); wait for the exec. */
  static void awaitCommandLine(long pid, List<String> cmd) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Processes.commandLine(pid).map(c -> c.equals(cmd)).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Processes.commandLine(pid)).contains(cmd);
  }
}
