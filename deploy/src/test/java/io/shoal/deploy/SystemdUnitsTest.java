package io.shoal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/systemd through {@link SystemdUnits} (override with -Dshoal.systemd.dir=DIR), and a broken copy. */
class SystemdUnitsTest {
  @BeforeAll
  static void needsSystemdAnalyze() {
    boolean available = SystemdUnits.analyzerAvailable();
    if (!available) {
      System.out.println("SKIPPED: systemd-analyze not installed (apt-get install systemd; .ci/run does)");
    }
    Assumptions.assumeTrue(available, "systemd-analyze not installed");
  }

  @Test
  void everyUnitVerifies() throws Exception {
    String dir = System.getProperty("shoal.systemd.dir");
    Path units = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("systemd");
    List<String> problems = SystemdUnits.check(units);
    assertThat(problems).as("problems in %s", units).isEmpty();
  }

  @Test
  void theChecksCatchABrokenUnit() throws Exception {
    List<String> problems = SystemdUnits.check(Path.of("src/test/resources/broken-systemd"));
    System.out.println("broken-systemd:\n  " + String.join("\n  ", problems));
    assertThat(problems).anyMatch(p -> p.contains("Failed to parse service restart specifier"));
    assertThat(problems).anyMatch(p -> p.contains("Unknown key 'KilSignal'"));
    assertThat(problems).anyMatch(p -> p.contains("no EnvironmentFile= line"));
  }
}
