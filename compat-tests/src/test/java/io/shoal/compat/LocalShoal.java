package io.shoal.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The only Shoal-aware code of the suite: starts a local cluster with the packaged `shoal` CLI (separate JVMs, a
 * temporary data directory, the default ports) and stops it. Used only when no {@code shoal.endpoint} is given.
 */
final class LocalShoal implements AutoCloseable {
  static final String ENDPOINT = "http://127.0.0.1:8000";

  private final Path repo;
  private final Path dataDir;

  private LocalShoal(Path repo, Path dataDir) {
    this.repo = repo;
    this.dataDir = dataDir;
  }

  static LocalShoal start() throws IOException, InterruptedException {
    Path repo = Path.of(System.getProperty("shoal.repo", System.getProperty("user.dir") + "/..")).toAbsolutePath()
        .normalize();
    Path jar = repo.resolve("admin-cli/target/shoal-admin-cli-0.1.0-SNAPSHOT.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build Shoal first (mvn install -DskipTests), or pass "
          + "-Dshoal.endpoint=URL to test another endpoint");
    }
    LocalShoal shoal = new LocalShoal(repo, Files.createTempDirectory("shoal-compat"));
    try {
      // Six groups, not ./shoal up's default of one: scans, queries and batches must span groups.
      shoal.run(300, "up", "--groups", "6", "--timeout", "180");
    } catch (RuntimeException | IOException | InterruptedException e) {
      shoal.close();
      throw e;
    }
    return shoal;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(120, "down");
    } finally {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dshoal.repo=" + repo);
    cmd.add("-cp");
    cmd.add(repo.resolve("admin-cli/target/shoal-admin-cli-0.1.0-SNAPSHOT.jar") + ":"
        + repo.resolve("admin-cli/target/lib") + "/*");
    cmd.add("io.shoal.admin.ShoalCli");
    cmd.addAll(List.of(args));
    cmd.add("--data-dir");
    cmd.add(dataDir.toString());
    Path out = Files.createTempFile("shoal-cli", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      System.out.println("[shoal " + args[0] + "] " + line);
    }
    Files.deleteIfExists(out);
    if (!done) {
      p.destroyForcibly();
      throw new IllegalStateException("shoal " + String.join(" ", args) + " did not finish in " + timeoutSeconds
          + " s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("shoal " + String.join(" ", args) + " exited with " + p.exitValue());
    }
  }
}
