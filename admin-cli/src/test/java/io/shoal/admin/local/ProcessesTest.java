package io.shoal.admin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessesTest {

  private static final String MAIN = "io.shoal.node.NodeMain";
  private static final List<String> RECORDED =
      List.of("/jdk/bin/java", "-Xmx512m", "-cp", "x", MAIN, "--id", "n1", "--data-dir", "/d/n1");

  @Test
  void sameProgramArgumentsMatchWhateverPrecedesTheMainClass() {
    assertThat(Processes.identityMatches(RECORDED, RECORDED, MAIN)).isTrue();
    assertThat(Processes.identityMatches(
        List.of("java", "-Xmx1g", MAIN, "--id", "n1", "--data-dir", "/d/n1"), RECORDED, MAIN))
        .isTrue();
    assertThat(Processes.identityMatches(
        List.of("/usr/bin/setsid", "java", MAIN, "--id", "n1", "--data-dir", "/d/n1"), RECORDED,
        MAIN)).isTrue();
  }

  @Test
  void reusedPidRunningSomethingElseDoesNotMatch() {
    assertThat(Processes.identityMatches(List.of("bash", "-l"), RECORDED, MAIN)).isFalse();
    assertThat(Processes.identityMatches(
        List.of("java", MAIN, "--id", "n2", "--data-dir", "/d/n2"), RECORDED, MAIN)).isFalse();
    assertThat(Processes.identityMatches(
        List.of("java", MAIN, "--id", "n1", "--data-dir", "/other/n1"), RECORDED, MAIN)).isFalse();
    assertThat(Processes.identityMatches(List.of(), RECORDED, MAIN)).isFalse();
  }

  @Test
  void aRecordWithoutItsMainClassNeverMatches() {
    assertThat(Processes.identityMatches(RECORDED, RECORDED, "io.shoal.router.RouterMain"))
        .isFalse();
    assertThat(Processes.identityMatches(RECORDED, RECORDED, null)).isFalse();
  }

  @Test
  void ourOwnJvmIsAliveAndHasACommandLine() {
    long self = ProcessHandle.current().pid();
    assertThat(Processes.isAlive(self)).isTrue();
    assertThat(Processes.commandLine(self)).isPresent();
    assertThat(Processes.commandLine(self).get().get(0)).contains("java");
  }
}
