package io.shoal.admin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.admin.FakeMetaService;
import io.shoal.admin.ShoalCli;
import io.shoal.admin.Views;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands as a user runs them: exit codes and what they print. */
@Timeout(60)
class ShoalCliTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ShoalCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void statusOfAnUnreachableClusterExitsOne() throws Exception {
    int code = run("status", "--data-dir", dir.toString(), "--seeds",
        "127.0.0.1:" + closedPort());
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).startsWith("Cluster not reachable: no metadata node answered")
        .contains("No local cluster recorded in " + dir.toAbsolutePath());
  }

  @Test
  void statusJsonReportsTheView() throws Exception {
    try (FakeMetaService meta = new FakeMetaService(0, Views.healthy(6))) {
      int code = run("status", "--json", "--data-dir", dir.toString(), "--seeds",
          "127.0.0.1:" + closedPort() + ",127.0.0.1:" + meta.port());
      assertThat(code).as(err.toString()).isEqualTo(0);
      JsonNode doc = new ObjectMapper().readTree(out.toString());
      assertThat(doc.get("reachable").asBoolean()).isTrue();
      assertThat(doc.get("answeredBy").asText()).isEqualTo("127.0.0.1:" + meta.port());
      assertThat(doc.get("summary").asText()).isEqualTo("3 nodes (3 up) in zones a,b,c; 6 groups,"
          + " all with 3 replicas in 3 zones, all with a leader");
      assertThat(doc.get("groups")).hasSize(6);
    }
  }

  @Test
  void downWithoutAClusterHasNothingToDo() {
    assertThat(run("down", "--data-dir", dir.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("nothing to stop");
  }

  @Test
  void killNodeWithoutAClusterOrWithAnUnknownIdFails() throws Exception {
    assertThat(run("kill-node", "n1", "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no cluster recorded").doesNotContain("Exception");
  }

  @Test
  void upWithoutBuiltJarsSaysHowToBuildAndStartsNothing(@TempDir Path repo) throws Exception {
    String before = System.getProperty("shoal.repo");
    System.setProperty("shoal.repo", repo.toString());
    try {
      int code = run("up", "--data-dir", dir.toString(), "--port",
          Integer.toString(closedPort()));
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("not built: node/target/shoal-node-0.1.0-SNAPSHOT.jar")
          .contains("mvn -DskipTests install");
      assertThat(Files.readString(dir.resolve("cluster.json")))
          .contains("\"io.shoal.node.NodeMain\"", "\"--meta-peers\"", "io.shoal.router.RouterMain")
          .doesNotContain("RUNNING");
    } finally {
      if (before == null) {
        System.clearProperty("shoal.repo");
      } else {
        System.setProperty("shoal.repo", before);
      }
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("up", "--nodes", "many")).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
  }
}
