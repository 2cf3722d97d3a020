package io.shoal.admin.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where the Shoal build lives: the repository root whose {@code <module>/target} holds the jars that
 * local processes run from.
 *
 * <p>The root is the system property {@code shoal.repo} (set by ./shoal), else the environment
 * variable {@code SHOAL_REPO}, else the current directory.
 */
public record ShoalInstall(Path repo, String version) {

  public static final String DEFAULT_VERSION = "0.1.0-SNAPSHOT";

  public ShoalInstall {
    repo = repo.toAbsolutePath().normalize();
  }

  public static ShoalInstall locate() {
    String dir = System.getProperty("shoal.repo");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("SHOAL_REPO");
    }
    if (dir == null || dir.isBlank()) {
      dir = ".";
    }
    return new ShoalInstall(Path.of(dir), ownVersion());
  }

  /** Where `shoal up` keeps its data when no --data-dir is given. */
  public Path defaultDataDir() {
    return repo.resolve(".shoal");
  }

  /** {@code <module>/target/shoal-<module>-<version>.jar}. */
  public Path moduleJar(String module) {
    return repo.resolve(module).resolve("target").resolve("shoal-" + module + "-" + version + ".jar");
  }

  public Path moduleLib(String module) {
    return repo.resolve(module).resolve("target").resolve("lib");
  }

  /** The jar plus every jar in target/lib; the java launcher expands the {@code *} itself. */
  public String classpath(String module) {
    return moduleJar(module) + java.io.File.pathSeparator + moduleLib(module) + "/*";
  }

  /** Fails with an actionable message when a module was not built. */
  public void requireBuilt(String... modules) {
    List<String> missing = new ArrayList<>();
    for (String m : modules) {
      if (!Files.isRegularFile(moduleJar(m))) {
        missing.add(repo.relativize(moduleJar(m)).toString());
      } else if (!Files.isDirectory(moduleLib(m))) {
        missing.add(repo.relativize(moduleLib(m)) + "/");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("not built: " + String.join(", ", missing) + " (in " + repo
          + "); run `mvn -DskipTests install` there, or use ./shoal which builds on first run;"
          + " set -Dshoal.repo or SHOAL_REPO if the repository is elsewhere");
    }
  }

  /** The java binary of the running JVM: local processes run on the same Java as the CLI. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String ownVersion() {
    try (InputStream in = ShoalInstall.class.getResourceAsStream(
        "/META-INF/maven/io.shoal/shoal-admin-cli/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", DEFAULT_VERSION);
      }
    } catch (IOException ignored) {
      // fall through: running from target/classes (tests, IDE)
    }
    return DEFAULT_VERSION;
  }
}
