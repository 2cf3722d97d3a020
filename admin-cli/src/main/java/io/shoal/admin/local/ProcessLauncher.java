package io.shoal.admin.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts processes that outlive the JVM that started them.
 *
 * <p>A child of a JVM keeps running when the JVM exits (nothing kills it), but it stays in the
 * terminal's process group and session: Ctrl-C in that terminal or closing it would reach it. So the
 * command runs under {@code setsid} (its own session, no controlling terminal); where setsid is missing
 * (macOS) under {@code nohup}, which makes the JVM ignore SIGHUP. setsid only forks when its caller
 * leads a process group, which a JVM child never does, so {@link Process#pid()} is the pid of the
 * started program itself. Stdin is /dev/null; stdout and stderr are appended to the log file, after a
 * header line saying what was started and when.
 */
public final class ProcessLauncher {

  private static final Optional<String> SETSID = onPath("setsid");
  private static final Optional<String> NOHUP = onPath("nohup");

  private ProcessLauncher() {}

  public static Process startDetached(List<String> command, Path workDir, Path log)
      throws IOException {
    Files.createDirectories(workDir);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.writeString(log, "=== " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ProcessBuilder pb = new ProcessBuilder(detachedArgv(command))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }

  /** The argv actually executed: the command behind setsid (or nohup), whichever exists. */
  static List<String> detachedArgv(List<String> command) {
    List<String> argv = new ArrayList<>();
    SETSID.or(() -> NOHUP).ifPresent(argv::add);
    argv.addAll(command);
    return argv;
  }

  /** Whether started processes get their own session (false only where setsid is missing). */
  public static boolean usesSetsid() {
    return SETSID.isPresent();
  }

  private static Optional<String> onPath(String program) {
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
    if (path != null) {
      dirs.addAll(0, List.of(path.split(File.pathSeparator)));
    }
    for (String dir : dirs) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(p)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }
}
