package io.shoal.node.cluster;

import io.shoal.core.item.ItemSize;
import io.shoal.node.meta.MetaState;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.MetaAlterTableRequest;
import io.shoal.proto.MetaAlterTableResponse;
import io.shoal.proto.MetaDeleteTableRequest;
import io.shoal.proto.MetaDeleteTableResponse;
import io.shoal.proto.MetaGetTableRequest;
import io.shoal.proto.MetaGetTableResponse;
import io.shoal.proto.UpdateTableChange;
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
import io.shoal.node.changelog.ChangeLogTrimmer;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.GroupDigestRequest;
import io.shoal.proto.GroupDigestResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.MetaCreateTableRequest;
import io.shoal.proto.MetaCreateTableResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.RangeReadRequest;
import io.shoal.proto.RangeReadResponse;
import io.shoal.proto.ReadRequest;
import io.shoal.proto.ReadResponse;
import io.shoal.proto.Replica;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three storage nodes in one JVM over real loopback RPC, with the helpers the in-process cluster tests share. */
abstract class InProcessCluster {
  @TempDir Path tmp;
  final Map<String, ShoalNode> nodes = new HashMap<>();
  final Map<String, NodeConfig> configs = new HashMap<>();
  final Map<String, ManagedChannel> channels = new HashMap<>();

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

  int snapshotIntervalSecs = 300;
  ChangeLogTrimmer.Schedule trimSchedule = ChangeLogTrimmer.Schedule.DEFAULT;

  void startCluster() throws Exception {
    List<String> raft = new ArrayList<>();
    List<String> grpc = new ArrayList<>();
    int[][] ports = new int[3][2];
    for (int i = 0; i < 3; i++) {
      ports[i][0] = freePort();
      ports[i][1] = freePort();
      raft.add("127.0.0.1:" + ports[i][0]);
      grpc.add("127.0.0.1:" + ports[i][1]);
    }
    for (int i = 0; i < 3; i++) {
      String id = "n" + (i + 1);
      NodeConfig c = new NodeConfig(id, String.valueOf((char) ('a' + i)), "127.0.0.1", ports[i][0], ports[i][1],
          tmp.resolve(id), raft, grpc, 4, 3, 1000, snapshotIntervalSecs, true, "test", true, 1);
      configs.put(id, c);
      start(id);
    }
  }

  void start(String id) throws IOException {
    ShoalNode n = new ShoalNode(configs.get(id), trimSchedule);
    n.start();
    nodes.put(id, n);
  }

  ClusterView view() {
    for (NodeConfig c : configs.values()) {
      if (!nodes.containsKey(c.id())) {
        continue;
      }
      try {
        ClusterViewResponse r = MetaServiceGrpc.newBlockingStub(channel(c.grpcAddress()))
            .withDeadlineAfter(1, TimeUnit.SECONDS).getClusterView(ClusterViewRequest.getDefaultInstance());
        if (!r.hasError()) {
          return r.getView();
        }
      } catch (RuntimeException ignored) {
        // try the next node
      }
    }
    return null;
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

  boolean allGroupsLed(int aliveNodes) {
    ClusterView v = view();
    return v != null && v.getPartitionMap().getGroupsCount() == 4 && v.getLeadersCount() == 4
        && v.getNodesList().stream().filter(n -> n.getAlive()).count() == aliveNodes;
  }

  String grpcOf(String nodeId) {
    return configs.get(nodeId).grpcAddress();
  }

  /** Writes through whichever replica is leader (a minimal router). */
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
          WriteResponse resp = NodeServiceGrpc.newBlockingStub(channel(grpcOf(r.getNodeId())))
              .withDeadlineAfter(2, TimeUnit.SECONDS).write(req);
          if (!resp.hasError()) {
            return;
          }
        } catch (RuntimeException ignored) {
          // next replica
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("could not write " + pk);
  }

  /** Like a router: retries replicas for a while (a read barrier fails while leadership moves). */
  boolean readable(PartitionRouter router, long tableId, String pk) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      Boolean found = readOnce(router, tableId, pk);
      if (found != null) {
        return found;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no replica answered a read of " + pk);
  }

  Boolean readOnce(PartitionRouter router, long tableId, String pk) {
    byte[] pkBytes = pk.getBytes(StandardCharsets.UTF_8);
    GroupInfo g = router.groupFor(PartitionHash.hash(tableId, pkBytes));
    ReadRequest req = ReadRequest.newBuilder().setGroupId(g.getId()).setTableId(tableId).setConsistent(true)
        .setKey(ByteString.copyFrom(KeyCodec.itemKey(pkBytes, null))).build();
    for (Replica r : g.getReplicasList()) {
      try {
        ReadResponse resp = NodeServiceGrpc.newBlockingStub(channel(grpcOf(r.getNodeId())))
            .withDeadlineAfter(2, TimeUnit.SECONDS).read(req);
        if (!resp.hasError()) {
          return resp.getFound();
        }
      } catch (RuntimeException ignored) {
        // next replica
      }
    }
    return null;
  }

  boolean replicasAgree(ClusterView v) {
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      Set<String> sums = new HashSet<>();
      for (Replica r : g.getReplicasList()) {
        GroupDigestResponse d = NodeServiceGrpc.newBlockingStub(channel(grpcOf(r.getNodeId())))
            .withDeadlineAfter(5, TimeUnit.SECONDS).groupDigest(GroupDigestRequest.newBuilder().setGroupId(g.getId())
                .build());
        if (d.hasError()) {
          return false;
        }
        sums.add(d.getChecksum() + "@" + d.getAppliedIndex());
      }
      if (sums.size() != 1) {
        return false;
      }
    }
    return true;
  }

  /** Scans every group's range of the table through ReadRange on the leader, 64 items a page. */
  long scanCount(ClusterView v, long tableId) {
    long count = 0;
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      String leader = v.getLeadersList().stream().filter(l -> l.getGroupId() == g.getId()).findFirst().orElseThrow()
          .getNodeId();
      ByteString start = ByteString.EMPTY;
      while (true) {
        RangeReadResponse r = NodeServiceGrpc.newBlockingStub(channel(grpcOf(leader))).withDeadlineAfter(5,
            TimeUnit.SECONDS).readRange(RangeReadRequest.newBuilder().setGroupId(g.getId()).setTableId(tableId)
                .setConsistent(true).setLimit(64).setExclusiveStart(start).build());
        assertThat(r.hasError()).as(r.getError().getMessage()).isFalse();
        count += r.getItemsCount();
        if (!r.getTruncated()) {
          break;
        }
        start = r.getItems(r.getItemsCount() - 1).getKey();
      }
    }
    return count;
  }
}
