package io.shoal.admin.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.admin.Views;
import io.shoal.admin.local.ClusterFile;
import io.shoal.admin.local.ProcessRecord;
import io.shoal.proto.ClusterView;
import io.shoal.proto.PartitionMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusFormatterTest {

  private static final long NOW = 1_500;

  private static StatusReport report(ClusterView v) {
    return StatusBuilder.build(v, "127.0.0.1:7201", "/d", Optional.empty(), Map.of(), null, NOW);
  }

  @Test
  void healthyClusterSummary() {
    StatusReport r = report(Views.healthy(6));

    assertThat(r.summary()).isEqualTo(
        "3 nodes (3 up) in zones a,b,c; 6 groups, all with 3 replicas in 3 zones, all with a leader");
    assertThat(r.healthy()).isTrue();
    assertThat(r.problems()).isEmpty();
    String text = StatusFormatter.text(r);
    assertThat(text).contains(r.summary(), "Metadata leader: n1", "0.5s ago");
  }

  @Test
  void showsGlobalIndexReplicationLag() {
    ClusterView v = Views.healthy(6).toBuilder().addIndexLag(io.shoal.proto.IndexLag.newBuilder().setTable("orders")
        .setIndex("byStatus").setStatus("CREATING").setGroupsBackfilled(4).setGroups(6).setRecordsBehind(120)
        .setMillisBehind(2_500)).build();
    StatusReport r = report(v);
    assertThat(r.indexes()).containsExactly(new StatusReport.IndexRow("orders", "byStatus", "CREATING", 4, 6, 120,
        2.5));
    assertThat(StatusFormatter.text(r)).containsPattern("(?m)^  orders +byStatus +CREATING +4/6 +120 +2\\.500 *$");
    assertThat(StatusFormatter.text(report(Views.healthy(6)))).doesNotContain("Global secondary indexes");
  }

  @Test
  void marksLeaderAndPreferredLeader() {
    ClusterView v = Views.healthy(3).toBuilder()
        .setLeaders(0, Views.leader(1, "n2")) // group 1 prefers n1 but n2 leads
        .build();
    StatusReport r = report(v);
    String text = StatusFormatter.text(r);

    assertThat(text).containsPattern("(?m)^  1 +\\[0000000000000000, 5555555555555556\\) +1 +"
        + "n1\\(a\\)\\+ n2\\(b\\)\\* n3\\(c\\) +n2 +leader is not the preferred n1$");
    assertThat(text).containsPattern("(?m)^  2 .* n2\\(b\\)\\*\\+ n3\\(c\\) n1\\(a\\) +n2 *$");
    assertThat(text).contains("[aaaaaaaaaaaaaaac, 10000000000000000)");
    assertThat(r.groups().get(0).replicas()).extracting(StatusReport.ReplicaRow::leader)
        .containsExactly(false, true, false);
    assertThat(r.healthy()).as("a non-preferred leader is a note, not a problem").isTrue();
  }

  @Test
  void flagsTwoReplicasInOneZoneAndMissingLeaders() {
    ClusterView v = ClusterView.newBuilder().setMetaLeader("n1")
        .addNodes(Views.node("n1", "a", 1, true, 1000))
        .addNodes(Views.node("n2", "b", 2, true, 1000))
        .addNodes(Views.node("n3", "c", 3, true, 1000))
        .addNodes(Views.node("n4", "a", 4, false, 200))
        .setPartitionMap(PartitionMap.newBuilder().setVersion(3)
            .addGroups(Views.group(1, 3, 1, "n1", "n2", "n3"))
            .addGroups(Views.group(2, 3, 4, "n1", "n4"))
            .addGroups(Views.group(3, 3, 1, "n2", "n3", "n1")))
        .addLeaders(Views.leader(1, "n1"))
        .addLeaders(Views.leader(2, "n1"))
        .build();
    StatusReport r = report(v);

    assertThat(r.summary()).isEqualTo("4 nodes (3 up) in zones a,b,c; 3 groups, 2 of 3 with 3"
        + " replicas in 3 zones (group 2: only 2 of 3 replicas, n1,n4 share zone a), 2 of 3 with a"
        + " leader (none: group 3)");
    StatusReport.GroupRow g2 = r.groups().get(1);
    assertThat(g2.zones()).isEqualTo(1);
    assertThat(g2.problems()).containsExactly("only 2 of 3 replicas", "n1,n4 share zone a",
        "replica n4 is down");
    assertThat(r.healthy()).isFalse();
    assertThat(r.problems()).contains("node n4 is down", "group 2: n1,n4 share zone a",
        "group 3: no leader");
    assertThat(StatusFormatter.text(r)).contains("n4(a)!down", "NONE", "Problems:",
        "  - group 2: n1,n4 share zone a");
  }

  @Test
  void joinsLocalProcessesAndListsUnregisteredNodes() {
    ProcessRecord n1 = proc("n1", "a", 1, 111L, ProcessRecord.State.RUNNING);
    ProcessRecord n2 = proc("n2", "b", 2, 222L, ProcessRecord.State.RUNNING);
    ProcessRecord n10 = proc("n10", "a", 10, 333L, ProcessRecord.State.STOPPED);
    ClusterFile f = new ClusterFile(1, "127.0.0.1", 6, List.of(n1, n2, n10));
    ClusterView v = ClusterView.newBuilder().setMetaLeader("n1")
        .addNodes(Views.node("n1", "a", 1, true, 1000))
        .addNodes(Views.node("n2", "b", 2, true, 1000)).build();

    StatusReport r = StatusBuilder.build(v, "s", "/d", Optional.of(f),
        Map.of("n1", true, "n2", false, "n10", false), null, NOW);

    assertThat(r.nodes()).extracting(StatusReport.NodeRow::id).containsExactly("n1", "n2", "n10");
    assertThat(r.nodes()).extracting(StatusReport.NodeRow::process)
        .containsExactly("running", "dead", "stopped");
    assertThat(r.problems()).contains("node n10 has not registered with the metadata group",
        "process n2 (pid 222) has exited", "no partition map yet");
    assertThat(r.summary()).isEqualTo("2 nodes (2 up) in zones a,b; no groups");
    assertThat(StatusFormatter.text(r)).contains("pid 111 running", "pid 222 dead", "unregistered");
  }

  @Test
  void jsonIsOneDocumentWithStableFieldNames() throws Exception {
    String json = StatusFormatter.json(report(Views.healthy(2)));
    JsonNode doc = new ObjectMapper().readTree(json);

    assertThat(doc.get("format").asInt()).isEqualTo(1);
    assertThat(doc.get("reachable").asBoolean()).isTrue();
    assertThat(doc.get("healthy").asBoolean()).isTrue();
    assertThat(doc.get("metaLeader").asText()).isEqualTo("n1");
    assertThat(doc.has("router")).as("null fields are present").isTrue();
    JsonNode g1 = doc.get("groups").get(0);
    assertThat(g1.get("hashStart").asText()).isEqualTo("0000000000000000");
    assertThat(g1.get("hashEnd").asText()).isEqualTo("8000000000000000");
    assertThat(g1.get("leader").asText()).isEqualTo("n1");
    assertThat(g1.get("replicas").get(0).get("preferredLeader").asBoolean()).isTrue();
    assertThat(doc.get("nodes").get(2).get("grpcAddress").asText()).isEqualTo("127.0.0.1:7203");
  }

  @Test
  void unreachableShowsTheLocalProcessTable() {
    ClusterFile f = new ClusterFile(1, "127.0.0.1", 6,
        List.of(proc("n1", "a", 1, 111L, ProcessRecord.State.RUNNING)));
    StatusReport r = StatusBuilder.unreachable("no metadata node answered", "/d", Optional.of(f),
        Map.of("n1", false));

    assertThat(r.reachable()).isFalse();
    String text = StatusFormatter.text(r);
    assertThat(text).startsWith("Cluster not reachable: no metadata node answered");
    assertThat(text).containsPattern("(?m)^  n1 +node +111 +running +no +7101,7201 ");
  }

  private static ProcessRecord proc(String id, String zone, int i, Long pid,
      ProcessRecord.State state) {
    return new ProcessRecord(id, ProcessRecord.Role.NODE, zone, "127.0.0.1", 7100 + i, 7200 + i,
        null, List.of("java", "M", "--id", id), "M", "/d/logs/" + id + ".log", pid, state, null,
        null);
  }
}
