package io.shoal.admin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFileTest {

  @TempDir
  Path dir;

  static ClusterFile sample() {
    ProcessRecord n1 = new ProcessRecord("n1", ProcessRecord.Role.NODE, "a", "127.0.0.1", 7101, 7201,
        null, List.of("java", "-cp", "x", "io.shoal.node.NodeMain", "--id", "n1"),
        "io.shoal.node.NodeMain", "/d/logs/n1.log", null, ProcessRecord.State.STOPPED, null, null)
        .started(4242, Instant.parse("2026-01-01T00:00:00Z"));
    ProcessRecord n2 = new ProcessRecord("n2", ProcessRecord.Role.NODE, "b", "127.0.0.1", 7102, 7202,
        null, List.of("java", "io.shoal.node.NodeMain", "--id", "n2"), "io.shoal.node.NodeMain",
        "/d/logs/n2.log", 77L, ProcessRecord.State.RUNNING, null, null)
        .stopped(Instant.parse("2026-01-01T00:01:00Z"));
    ProcessRecord router = new ProcessRecord("router", ProcessRecord.Role.ROUTER, null, "127.0.0.1",
        null, null, 8000, List.of("java", "io.shoal.router.RouterMain", "--port", "8000"),
        "io.shoal.router.RouterMain", "/d/logs/router.log", null, ProcessRecord.State.STOPPED, null,
        null);
    return new ClusterFile(ClusterFile.FORMAT, "127.0.0.1", 6, List.of(n1, n2, router));
  }

  @Test
  void roundTripsThroughTheDataDirectory() throws Exception {
    ClusterFile f = sample();
    f.write(dir);

    assertThat(ClusterFile.exists(dir)).isTrue();
    assertThat(ClusterFile.read(dir)).isEqualTo(f);
    assertThat(dir.resolve("cluster.json.tmp")).doesNotExist();
  }

  @Test
  void recordsStartAndStopTransitions() {
    ClusterFile f = sample();
    ProcessRecord n1 = f.find("n1").orElseThrow();
    assertThat(n1.pid()).isEqualTo(4242L);
    assertThat(n1.state()).isEqualTo(ProcessRecord.State.RUNNING);
    assertThat(n1.startedAt()).isEqualTo("2026-01-01T00:00:00Z");
    ProcessRecord n2 = f.find("n2").orElseThrow();
    assertThat(n2.state()).isEqualTo(ProcessRecord.State.STOPPED);
    assertThat(n2.pid()).as("last pid kept for diagnostics").isEqualTo(77L);
  }

  @Test
  void jsonUsesStableFieldNamesAndOmitsDerivedOnes() throws Exception {
    String json = sample().toJson();
    assertThat(json).contains("\"format\"", "\"groups\" : 6", "\"processes\"", "\"raftPort\" : 7101",
        "\"httpPort\" : 8000", "\"mainClass\"", "\"state\" : \"RUNNING\"", "\"role\" : \"ROUTER\"");
    // derived accessors must not leak into the file
    assertThat(json).doesNotContain("\"node\"", "\"ports\"", "\"layout\"", "\"router\" :");
  }

  @Test
  void ignoresUnknownFieldsFromNewerWriters() throws Exception {
    String json = sample().toJson().replaceFirst("\\{", "{ \"futureField\" : 1,");
    assertThat(ClusterFile.fromJson(json)).isEqualTo(sample());
  }

  @Test
  void replacingAProcessKeepsOrder() {
    ClusterFile f = sample();
    ProcessRecord n2 = f.find("n2").orElseThrow().started(99, Instant.EPOCH);
    ClusterFile g = f.with(n2);
    assertThat(g.processes()).extracting(ProcessRecord::name).containsExactly("n1", "n2", "router");
    assertThat(g.find("n2").orElseThrow().pid()).isEqualTo(99L);
    assertThat(g.layout().nodes()).extracting(NodeSlot::grpcPort).containsExactly(7201, 7202);
    assertThat(g.layout().routerPort()).isEqualTo(8000);
  }

  @Test
  void nodesRecordedWithoutAnHttpPortGetTheStandardOneOfTheirOffset() {
    // sample() records nodes as files written before nodes had an HTTP port did: httpPort absent.
    assertThat(sample().layout().nodes()).extracting(NodeSlot::httpPort).containsExactly(7301, 7302);
    ProcessRecord n1 = sample().find("n1").orElseThrow();
    ProcessRecord moved = new ProcessRecord("n1", ProcessRecord.Role.NODE, "a", "127.0.0.1", 7101, 7201, 9301,
        n1.command(), n1.mainClass(), n1.log(), null, ProcessRecord.State.STOPPED, null, null);
    assertThat(sample().with(moved).layout().nodes().get(0).httpPort()).isEqualTo(9301);
    assertThat(moved.ports()).containsExactly(7101, 7201, 9301);
  }

  @Test
  void readRejectsAFormatFromTheFuture() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(ClusterFile.path(dir), "{\"format\": 99, \"processes\": []}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterFile.read(dir))
        .hasMessageContaining("format 99");
  }
}
