package io.shoal.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Drives a real local cluster through the `shoal` CLI, exactly as a user would (separate JVM processes). */
final class ShoalProcesses {
  static final List<String> SEEDS = List.of("127.0.0.1:7201", "127.0.0.1:7202", "127.0.0.1:7203");
  static final String ENDPOINT = "http://127.0.0.1:8000";

  private final Path repo;
  private final Path dataDir;

  ShoalProcesses(Path dataDir) {
    this.repo = Path.of(System.getProperty("shoal.repo", System.getProperty("user.dir") + "/..")).toAbsolutePath()
        .normalize();
    this.dataDir = dataDir;
  }

  Path dataDir() {
    return dataDir;
  }

  /** Runs `shoal ARGS --data-dir DIR`, echoing its output; returns the exit code. */
  int cli(String... args) throws IOException, InterruptedException {
    return cli(java.util.Map.of(), args);
  }

  /** As {@link #cli(String...)}, with extra environment variables (e.g. SHOAL_NODE_JVM_OPTS). */
  int cli(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    return run(env, args).code();
  }

  /** What one CLI run printed (stdout and stderr, in order) and its exit code. */
  record Result(int code, List<String> lines) {
    String output() {
      return String.join("\n", lines);
    }
  }

  /** Runs `shoal ARGS --data-dir DIR`, echoing and returning its output. */
  Result run(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir");
    all.add(dataDir.toString());
    return exec(env, args[0], all);
  }

  /** Runs `shoal ARGS` exactly as given: for commands that take no --data-dir, such as `bench run`. */
  Result runWithoutDataDir(String... args) throws IOException, InterruptedException {
    return exec(java.util.Map.of(), args[0], List.of(args));
  }

  private Result exec(java.util.Map<String, String> env, String name, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dshoal.repo=" + repo);
    cmd.add("-cp");
    cmd.add(repo.resolve("admin-cli/target/shoal-admin-cli-0.1.0-SNAPSHOT.jar") + ":"
        + repo.resolve("admin-cli/target/lib") + "/*");
    cmd.add("io.shoal.admin.ShoalCli");
    cmd.addAll(args);
    Path out = Files.createTempFile("shoal-cli", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("shoal " + String.join(" ", args) + " did not finish in 300 s");
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    for (String line : lines) {
      System.out.println("[shoal " + name + "] " + line);
    }
    Files.deleteIfExists(out);
    return new Result(p.exitValue(), lines);
  }

  void mustRun(String... args) throws IOException, InterruptedException {
    int code = cli(args);
    if (code != 0) {
      throw new IllegalStateException("shoal " + String.join(" ", args) + " exited with " + code);
    }
  }
}
