package io.shoal.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.core.partition.PartitionRouter;
import io.shoal.node.NodeConfig;
import io.shoal.node.ShoalNode;
import io.shoal.node.testing.TestPorts;
import io.shoal.node.health.NodeReadiness;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.MetaCreateTableRequest;
import io.shoal.proto.MetaCreateTableResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.Replica;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three storage nodes in one JVM, each with its operator HTTP endpoint: /health and /ready through cluster
 * formation, a failover and a restart, and the Raft, RPC, RocksDB and JVM metrics those leave behind.
 */
class NodeObservabilityTest {
  private static final int GROUPS = 4;

  @TempDir Path tmp;
  final Map<String, ShoalNode> nodes = new HashMap<>();
  final Map<String, NodeConfig> configs = new HashMap<>();
  final Map<String, ManagedChannel> channels = new HashMap<>();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    nodes.values().forEach(ShoalNode::close);
  }

  static int freePort() {
    return TestPorts.free();
  }

  ManagedChannel channel(String addr) {
    return channels.computeIfAbsent(addr, a -> NettyChannelBuilder.forTarget(a).usePlaintext().build());
  }

  void configure() throws IOException {
    List<String> raft = new ArrayList<>();
    List<String> grpc = new ArrayList<>();
    int[][] ports = new int[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        ports[i][j] = freePort();
      }
      raft.add("127.0.0.1:" + ports[i][0]);
      grpc.add("127.0.0.1:" + ports[i][1]);
    }
    for (int i = 0; i < 3; i++) {
      String id = "n" + (i + 1);
      configs.put(id, new NodeConfig(id, String.valueOf((char) ('a' + i)), "127.0.0.1", ports[i][0], ports[i][1],
          tmp.resolve(id), raft, grpc, GROUPS, 3, 1000, 300, true, "test", true, 1, ports[i][2]));
    }
  }

  void start(String id) throws IOException {
    ShoalNode n = new ShoalNode(configs.get(id));
    n.start();
    nodes.put(id, n);
    assertThat(n.httpPort()).isEqualTo(configs.get(id).httpPort());
  }

  HttpResponse<String> get(String id, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + configs.get(id).httpPort() + path);
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  Scrape scrape(String id) throws Exception {
    HttpResponse<String> r = get(id, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
    return new Scrape(r.body());
  }

  boolean ready(String id) {
    try {
      return get(id, "/ready").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  static void await(String what, long timeoutMs, Supplier<Boolean> cond) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (Boolean.TRUE.equals(cond.get())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  ClusterView view() {
    for (String id : nodes.keySet()) {
      try {
        ClusterViewResponse r = MetaServiceGrpc.newBlockingStub(channel(configs.get(id).grpcAddress()))
            .withDeadlineAfter(1, TimeUnit.SECONDS).getClusterView(ClusterViewRequest.getDefaultInstance());
        if (!r.hasError()) {
          return r.getView();
        }
      } catch (RuntimeException next) {
        // another node
      }
    }
    return null;
  }

  /** Writes through whichever replica is leader; returns once one accepted. */
  void put(PartitionRouter router, long tableId, String pk) throws InterruptedException {
    byte[] pkBytes = pk.getBytes(StandardCharsets.UTF_8);
    GroupInfo g = router.groupFor(PartitionHash.hash(tableId, pkBytes));
    Item item = Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS(pk).build()).build();
    WriteRequest req = WriteRequest.newBuilder().setGroupId(g.getId()).setGroupEpoch(g.getEpoch()).setTableId(tableId)
        .setKey(ByteString.copyFrom(KeyCodec.itemKey(pkBytes, null))).setPut(item).build();
    for (int attempt = 0; attempt < 200; attempt++) {
      for (Replica r : g.getReplicasList()) {
        if (!nodes.containsKey(r.getNodeId())) {
          continue;
        }
        try {
          WriteResponse resp = NodeServiceGrpc.newBlockingStub(channel(configs.get(r.getNodeId()).grpcAddress()))
              .withDeadlineAfter(2, TimeUnit.SECONDS).write(req);
          if (!resp.hasError()) {
            return;
          }
        } catch (RuntimeException next) {
          // next replica
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("could not write " + pk);
  }

  double leaderChanges(String id) throws Exception {
    return scrape(id).sum("shoal_raft_leader_changes_total");
  }

  @Test
  void healthReadinessAndMetricsThroughFormationFailoverAndRestart() throws Exception {
    configure();
    start("n1");
    // Alone, n1 cannot elect a metadata leader: it serves, but is not ready.
    assertThat(get("n1", "/health").statusCode()).isEqualTo(200);
    assertThat(get("n1", "/health").body()).isEqualTo("ok\n");
    Thread.sleep(1500);
    HttpResponse<String> notReady = get("n1", "/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("not ready: not registered with the metadata group yet\n");
    assertThat(scrape("n1").sum("shoal_node_ready")).isEqualTo(0.0);
    assertThat(get("n1", "/nope").statusCode()).isEqualTo(404);

    start("n2");
    start("n3");
    for (String id : List.of("n1", "n2", "n3")) {
      await(id + " ready", 60_000, () -> ready(id));
      assertThat(nodes.get(id).readiness().ready()).isTrue();
    }

    // Every node hosts a replica of each group (3 nodes, 3 replicas); each replica saw at least the first leader of
    // each group it hosts, the metadata group included.
    for (String id : List.of("n1", "n2", "n3")) {
      // jraft runs the FSM's leader callbacks on its own queue, a moment after the leader becomes known.
      await(id + " to count a leader of every group", 10_000, () -> {
        try {
          Scrape s = scrape(id);
          for (String g : List.of("g1", "g2", "g3", "g4", "meta")) {
            if (!(s.sum("shoal_raft_leader_changes_total", Map.of("group", g)) >= 1)) {
              return false;
            }
          }
          return true;
        } catch (Exception e) {
          return false;
        }
      });
      Scrape s = scrape(id);
      assertThat(s.sum("shoal_node_ready")).as(id).isEqualTo(1.0);
      assertThat(s.sum("shoal_raft_groups_hosted")).as(id).isEqualTo(GROUPS);
      for (int g = 1; g <= GROUPS; g++) {
        assertThat(s.sum("shoal_raft_leader_changes_total", Map.of("group", "g" + g))).as(id + " g" + g)
            .isGreaterThanOrEqualTo(1.0);
      }
      assertThat(s.sum("shoal_raft_leader_changes_total", Map.of("group", "meta"))).as(id)
          .isGreaterThanOrEqualTo(1.0);
      assertThat(s.sum("shoal_raft_meta_leader")).as(id).isIn(0.0, 1.0);
      assertThat(s.sum("jvm_threads_live_threads")).as(id).isGreaterThan(0.0);
      assertThat(s.sum("jvm_memory_used_bytes")).as(id).isGreaterThan(0.0);
    }
    await("every group led exactly once", 30_000, () -> {
      try {
        double led = 0;
        double metaLeaders = 0;
        for (String id : List.of("n1", "n2", "n3")) {
          Scrape s = scrape(id);
          led += s.sum("shoal_raft_groups_led");
          metaLeaders += s.sum("shoal_raft_meta_leader");
        }
        return led == GROUPS && metaLeaders == 1;
      } catch (Exception e) {
        return false;
      }
    });

    ClusterView v = view();
    MetaCreateTableResponse created = MetaServiceGrpc.newBlockingStub(channel(configs.get(v.getMetaLeader())
        .grpcAddress())).createTable(MetaCreateTableRequest.newBuilder().setTable(TableInfo.newBuilder()
            .setName("things").setHashKey(KeyAttribute.newBuilder().setName("pk").setType(ScalarType.S))).build());
    assertThat(created.hasError()).as(created.getError().getMessage()).isFalse();
    long tableId = created.getTable().getId();
    PartitionRouter router = new PartitionRouter(v.getPartitionMap());
    int writes = 100;
    for (int i = 0; i < writes; i++) {
      put(router, tableId, "k" + i);
    }

    // Each accepted write is one Write RPC answered OK by a leader (a node that led nothing has no such series);
    // every replica applies all of them.
    double okWrites = 0;
    for (String id : List.of("n1", "n2", "n3")) {
      okWrites += scrape(id).sumOrZero("shoal_node_rpc_requests_total",
          Map.of("service", "NodeService", "method", "Write", "code", "OK"));
    }
    assertThat(okWrites).isEqualTo(writes);
    for (String id : List.of("n1", "n2", "n3")) {
      await(id + " to apply every write", 30_000, () -> {
        try {
          Scrape s = scrape(id);
          return s.sum("shoal_raft_apply_batch_entries_sum") >= writes
              && s.sum("shoal_raft_apply_lag_max_entries") == 0;
        } catch (Exception e) {
          return false;
        }
      });
      Scrape s = scrape(id);
      assertThat(s.sum("shoal_raft_apply_batch_entries_count")).as(id).isBetween(1.0, s.sum(
          "shoal_raft_apply_batch_entries_sum"));
      assertThat(s.sum("shoal_raft_apply_duration_seconds_count")).as(id)
          .isEqualTo(s.sum("shoal_raft_apply_batch_entries_count"));
      assertThat(s.sum("shoal_raft_apply_batch_entries_bucket", Map.of("le", "+Inf"))).as(id)
          .isEqualTo(s.sum("shoal_raft_apply_batch_entries_count"));
      for (int g = 1; g <= GROUPS; g++) {
        assertThat(s.sum("shoal_raft_apply_lag_entries", Map.of("group", "g" + g))).as(id + " g" + g)
            .isEqualTo(0.0);
      }
      assertThat(s.sum("shoal_rocksdb_estimate_num_keys", Map.of("store", "items"))).as(id)
          .isGreaterThanOrEqualTo(writes);
      assertThat(s.sum("shoal_rocksdb_memtables_size_bytes", Map.of("store", "raft_log"))).as(id).isGreaterThan(0);
      assertThat(s.sum("shoal_rocksdb_block_cache_usage_bytes", Map.of("store", "items"))).as(id)
          .isGreaterThanOrEqualTo(0);
      assertThat(s.sumOrZero("shoal_node_rpc_duration_seconds_count", Map.of("method", "Write"))).as(id)
          .isEqualTo(s.sumOrZero("shoal_node_rpc_requests_total", Map.of("method", "Write")));
    }

    // Failover: the survivors see new leaders for the groups the victim led.
    Map<String, Long> ledBy = new HashMap<>();
    for (GroupLeader l : view().getLeadersList()) {
      ledBy.merge(l.getNodeId(), 1L, Long::sum);
    }
    String victim = ledBy.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<String> survivors = new ArrayList<>(List.of("n1", "n2", "n3"));
    survivors.remove(victim);
    Map<String, Double> before = new HashMap<>();
    for (String id : survivors) {
      before.put(id, leaderChanges(id));
    }
    nodes.remove(victim).close();
    for (String id : survivors) {
      await(id + " to see new leaders", 30_000, () -> {
        try {
          return leaderChanges(id) > before.get(id);
        } catch (Exception e) {
          return false;
        }
      });
    }
    await("survivors to lead every group", 30_000, () -> {
      try {
        double led = 0;
        for (String id : survivors) {
          led += scrape(id).sum("shoal_raft_groups_led");
        }
        return led == GROUPS;
      } catch (Exception e) {
        return false;
      }
    });

    // Restart: the victim replays its log and catches up before it reports ready again.
    start(victim);
    await(victim + " ready again", 60_000, () -> ready(victim));
    Scrape s = scrape(victim);
    assertThat(s.sum("shoal_raft_groups_hosted")).isEqualTo(GROUPS);
    assertThat(s.sum("shoal_raft_apply_lag_max_entries")).isLessThanOrEqualTo(NodeReadiness.MAX_APPLY_LAG);
  }
}
