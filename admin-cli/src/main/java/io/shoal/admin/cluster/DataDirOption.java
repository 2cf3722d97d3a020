package io.shoal.admin.cluster;

import io.shoal.admin.local.ShoalInstall;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: defaults to {@code <repo>/.shoal}; a relative path is taken from the cwd. */
public final class DataDirOption {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where cluster.json, node data and logs live (default: <repo>/.shoal).")
  Path dataDir;

  public Path resolve() {
    Path p = dataDir != null ? dataDir : ShoalInstall.locate().defaultDataDir();
    return p.toAbsolutePath().normalize();
  }
}
