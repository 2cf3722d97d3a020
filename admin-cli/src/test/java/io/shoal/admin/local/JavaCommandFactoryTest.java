package io.shoal.admin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandFactoryTest {

  @TempDir
  Path repo;

  private JavaCommandFactory factory() {
    ShoalInstall install = new ShoalInstall(repo, "0.1.0-SNAPSHOT");
    return new JavaCommandFactory(install, "/jdk/bin/java",
        JavaCommandFactory.splitOpts(null, JavaCommandFactory.DEFAULT_NODE_JVM_OPTS),
        JavaCommandFactory.splitOpts(" -Xmx1g  -Dx=y ", JavaCommandFactory.DEFAULT_ROUTER_JVM_OPTS));
  }

  @Test
  void nodeCommandFollowsTheContract() {
    ClusterLayout l = ClusterLayout.standard(4, 6, 8000);
    LaunchSpec spec = factory().node(l.nodes().get(3), l, Path.of("/data"));

    assertThat(spec.mainClass()).isEqualTo("io.shoal.node.NodeMain");
    assertThat(spec.command()).containsExactly("/jdk/bin/java",
        "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-cp", repo + "/node/target/shoal-node-0.1.0-SNAPSHOT.jar:" + repo + "/node/target/lib/*",
        "io.shoal.node.NodeMain", "--id", "n4", "--zone", "a", "--host", "127.0.0.1",
        "--raft-port", "7104", "--grpc-port", "7204", "--http-port", "7304", "--data-dir", "/data/n4",
        "--meta-peers", "127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103",
        "--seeds", "127.0.0.1:7201,127.0.0.1:7202,127.0.0.1:7203", "--groups", "6", "--min-nodes", "4");
  }

  @Test
  void routerCommandFollowsTheContractWithEnvironmentOptions() {
    LaunchSpec spec = factory().router(ClusterLayout.standard(3, 6, 8001));

    assertThat(spec.command()).containsExactly("/jdk/bin/java", "-Xmx1g", "-Dx=y",
        "-cp", repo + "/router/target/shoal-router-0.1.0-SNAPSHOT.jar:" + repo
            + "/router/target/lib/*",
        "io.shoal.router.RouterMain", "--host", "127.0.0.1", "--port", "8001",
        "--seeds", "127.0.0.1:7201,127.0.0.1:7202,127.0.0.1:7203");
  }

  @Test
  void jvmOptionsFallBackToDefaultsAndMayBeEmptied() {
    assertThat(JavaCommandFactory.splitOpts(null, "-Xmx256m")).containsExactly("-Xmx256m");
    assertThat(JavaCommandFactory.splitOpts("  ", "-Xmx256m")).isEmpty();
  }

  @Test
  void verifyNamesMissingJars() throws Exception {
    assertThatThrownBy(() -> factory().verify())
        .hasMessageContaining("node/target/shoal-node-0.1.0-SNAPSHOT.jar")
        .hasMessageContaining("router/target/shoal-router-0.1.0-SNAPSHOT.jar");
    for (String m : List.of("node", "router")) {
      Files.createDirectories(repo.resolve(m + "/target/lib"));
      Files.createFile(repo.resolve(m + "/target/shoal-" + m + "-0.1.0-SNAPSHOT.jar"));
    }
    factory().verify();
  }
}
