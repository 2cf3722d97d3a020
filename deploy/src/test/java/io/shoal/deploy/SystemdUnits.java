package io.shoal.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Checks deploy/systemd: {@code systemd-analyze verify} on every unit (a template is verified as instance n1), where
 * any line it prints counts as a problem (it exits 0 on unknown keys and unparsable values, printing "ignoring"),
 * plus Shoal's own rules: each service reads an EnvironmentFile, restarts on failure, gives the SIGTERM drain time
 * to finish (TimeoutStopSec), and a storage node has a state (data) directory.
 */
final class SystemdUnits {
  private SystemdUnits() {}

  static boolean analyzerAvailable() {
    try {
      Process p = new ProcessBuilder("systemd-analyze", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static List<String> check(Path dir) throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    Path work = Files.createTempDirectory("shoal-units");
    List<String> args = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
    List<Path> units;
    try (Stream<Path> s = Files.list(dir)) {
      units = s.filter(p -> p.toString().endsWith(".service") || p.toString().endsWith(".target")).sorted().toList();
    }
    if (units.isEmpty()) {
      problems.add(dir + ": no units");
    }
    for (Path u : units) {
      String name = u.getFileName().toString().replace("@.service", "@n1.service");
      Path copy = work.resolve(name);
      Files.copy(u, copy);
      args.add(copy.toString());
      String text = Files.readString(u);
      if (name.endsWith(".service")) {
        for (String key : List.of("EnvironmentFile=", "Restart=on-failure", "TimeoutStopSec=", "KillSignal=SIGTERM",
            "ExecStart=")) {
          if (text.lines().noneMatch(l -> l.startsWith(key))) {
            problems.add(u.getFileName() + ": no " + key + " line");
          }
        }
        if (name.startsWith("shoal-node") && text.lines().noneMatch(l -> l.startsWith("StateDirectory="))) {
          problems.add(u.getFileName() + ": a storage node needs a StateDirectory= (its data directory)");
        }
      }
    }
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      problems.add("systemd-analyze verify did not finish in 60 s");
    } else if (p.exitValue() != 0) {
      problems.add("systemd-analyze verify exited " + p.exitValue());
    }
    out.lines().filter(l -> !l.isBlank()).map(l -> "systemd-analyze: " + l.replace(work + "/", "")).forEach(
        problems::add);
    return problems;
  }
}
