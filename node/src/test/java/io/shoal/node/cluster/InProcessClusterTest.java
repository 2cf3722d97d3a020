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
import io.shoal.proto.TransferLeaderRequest;
import io.shoal.proto.TransferLeaderResponse;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import java.io.IOException;
import java.net.ServerSocket;
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

/**
 * Three storage nodes in one JVM over real loopback RPC: the cluster forms, places groups across zones, replicates
 * writes, survives the loss of the node with most leaders and brings it back to identical replicas.
 */
class InProcessClusterTest extends InProcessCluster {
  @Test
  void formsReplicatesFailsOverAndConverges() throws Exception {
    startCluster();
    await("partition map with leaders", 60_000, () -> allGroupsLed(3));
    ClusterView v = view();
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      Set<String> zones = new HashSet<>();
      for (Replica r : g.getReplicasList()) {
        zones.add(configs.get(r.getNodeId()).zone());
      }
      assertThat(zones).as("zones of group %d", g.getId()).hasSize(3);
    }
    String metaLeader = v.getMetaLeader();
    MetaCreateTableResponse created = MetaServiceGrpc.newBlockingStub(channel(grpcOf(metaLeader)))
        .createTable(MetaCreateTableRequest.newBuilder().setTable(TableInfo.newBuilder().setName("t")
            .setHashKey(KeyAttribute.newBuilder().setName("pk").setType(ScalarType.S))).build());
    assertThat(created.hasError()).as(created.getError().getMessage()).isFalse();
    long tableId = created.getTable().getId();
    PartitionRouter router = new PartitionRouter(v.getPartitionMap());

    for (int i = 0; i < 200; i++) {
      put(router, tableId, "before-" + i);
    }
    Map<String, Long> leadersPerNode = new HashMap<>();
    view().getLeadersList().forEach(l -> leadersPerNode.merge(l.getNodeId(), 1L, Long::sum));
    String victim = leadersPerNode.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    nodes.remove(victim).close();

    for (int i = 0; i < 200; i++) {
      put(router, tableId, "during-" + i);
    }
    start(victim);
    await("all nodes alive and every group led", 60_000, () -> allGroupsLed(3));
    for (int i = 0; i < 200; i++) {
      assertThat(readable(router, tableId, "before-" + i)).as("before-%d", i).isTrue();
      assertThat(readable(router, tableId, "during-" + i)).as("during-%d", i).isTrue();
    }
    await("replicas to agree", 60_000, () -> replicasAgree(view()));
    assertThat(scanCount(view(), tableId)).as("items a full scan of every group returns").isEqualTo(400);

    // ItemCount/TableSizeBytes: each group's leader scans (every second here) and reports in its heartbeat; the
    // metadata leader sums the reports on GetTable.
    long expectedBytes = 0;
    for (int i = 0; i < 200; i++) {
      for (String pk : List.of("before-" + i, "during-" + i)) {
        expectedBytes += ItemSize.of(Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS(pk)
            .build()).build());
      }
    }
    long bytes = expectedBytes;
    await("table totals reported to the metadata leader", 30_000, () -> {
      MetaGetTableResponse r = MetaServiceGrpc.newBlockingStub(channel(grpcOf(view().getMetaLeader())))
          .getTable(MetaGetTableRequest.newBuilder().setName("t").build());
      return !r.hasError() && r.getTable().getItemCount() == 400 && r.getTable().getSizeBytes() == bytes;
    });

    // Deletion protection goes through the metadata log and is enforced at apply.
    MetaServiceGrpc.MetaServiceBlockingStub meta = MetaServiceGrpc.newBlockingStub(channel(grpcOf(view()
        .getMetaLeader())));
    MetaAlterTableResponse protectedTable = meta.alterTable(MetaAlterTableRequest.newBuilder().setAlter(
        AlterTableCommand.newBuilder().setName("t").setUpdate(UpdateTableChange.newBuilder()
            .setSetDeletionProtection(true).setDeletionProtection(true))).build());
    assertThat(protectedTable.hasError()).as(protectedTable.getError().getMessage()).isFalse();
    assertThat(protectedTable.getTable().getDeletionProtection()).isTrue();
    MetaDeleteTableResponse refused = meta.deleteTable(MetaDeleteTableRequest.newBuilder().setName("t").build());
    assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(refused.getError().getMessage()).isEqualTo(MetaState.DELETION_PROTECTED);
  }

  /**
   * A replica that misses writes while down, after the others snapshotted and truncated their logs, can only catch
   * up from a snapshot: it must install one and end up identical to the others.
   */
  /**
   * SIGTERM's drain: the node with the most leaderships hands every one of them (data groups and the metadata
   * group) to a replica in another zone before it stops, /ready turns 503 while it does, and the other nodes lead
   * every group without waiting for an election timeout.
   */
  @Test
  void gracefulDrainHandsEveryLeadershipToAnotherZone() throws Exception {
    startCluster();
    await("partition map with leaders", 60_000, () -> allGroupsLed(3));
    Map<String, Long> leadersPerNode = new HashMap<>();
    view().getLeadersList().forEach(l -> leadersPerNode.merge(l.getNodeId(), 1L, Long::sum));
    String victim = leadersPerNode.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    ShoalNode node = nodes.get(victim);
    assertThat(node.raftHost().replicas().values().stream().filter(r -> r.isLeader()).count()).isPositive();

    long t0 = System.nanoTime();
    List<String> left = node.drain();
    long drainMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(left).as("groups still led after the drain").isEmpty();
    assertThat(node.readiness().ready()).isFalse();
    assertThat(node.readiness().reason()).contains("draining");
    assertThat(node.raftHost().replicas().values().stream().filter(r -> r.isLeader()).toList()).isEmpty();
    // Well under an election timeout per group: leadership moved, nobody waited for a timeout.
    assertThat(drainMs).as("drain time (ms)").isLessThan(10_000);
    nodes.remove(victim).close();
    await("every group led by the remaining nodes", 10_000, () -> {
      ClusterView v = view();
      return v != null && v.getLeadersCount() == 4
          && v.getLeadersList().stream().noneMatch(l -> l.getNodeId().equals(victim));
    });
  }

  @Test
  void laggingReplicaCatchesUpFromASnapshot() throws Exception {
    snapshotIntervalSecs = 1;
    startCluster();
    await("partition map with leaders", 60_000, () -> allGroupsLed(3));
    ClusterView v = view();
    MetaCreateTableResponse created = MetaServiceGrpc.newBlockingStub(channel(grpcOf(v.getMetaLeader())))
        .createTable(MetaCreateTableRequest.newBuilder().setTable(TableInfo.newBuilder().setName("t")
            .setHashKey(KeyAttribute.newBuilder().setName("pk").setType(ScalarType.S))).build());
    long tableId = created.getTable().getId();
    PartitionRouter router = new PartitionRouter(v.getPartitionMap());
    for (int i = 0; i < 50; i++) {
      put(router, tableId, "early-" + i);
    }
    String lagger = "n3";
    nodes.remove(lagger).close();
    for (int i = 0; i < 300; i++) {
      put(router, tableId, "missed-" + i);
    }
    // Let the live replicas snapshot (every second) so their logs no longer reach back to what n3 has.
    Thread.sleep(3_000);
    start(lagger);
    await("all nodes alive and every group led", 60_000, () -> allGroupsLed(3));
    await("replicas to agree", 60_000, () -> replicasAgree(view()));
    long installed = nodes.get(lagger).raftHost().replicas().values().stream()
        .filter(r -> r instanceof io.shoal.node.raft.DataReplica)
        .mapToLong(r -> ((io.shoal.node.raft.DataReplica) r).snapshotsInstalled()).sum();
    assertThat(installed).as("snapshots installed by the lagging replica").isGreaterThan(0);
    for (int i = 0; i < 300; i++) {
      assertThat(readable(router, tableId, "missed-" + i)).isTrue();
    }
  }

  /** NodeService/TransferLeader: only the leader moves a group, only to one of its replicas. */
  @Test
  void transferLeaderMovesLeadershipToTheNamedReplica() throws Exception {
    startCluster();
    await("partition map with leaders", 60_000, () -> allGroupsLed(3));
    ClusterView v = view();
    GroupInfo g = v.getPartitionMap().getGroups(0);
    String leader = v.getLeadersList().stream().filter(l -> l.getGroupId() == g.getId()).findFirst().orElseThrow()
        .getNodeId();
    await("leader of group " + g.getId() + " knows it leads", 10_000,
        () -> nodes.get(leader).raftHost().dataReplica(g.getId()).isLeader());
    String target = g.getReplicasList().stream().map(Replica::getNodeId).filter(id -> !id.equals(leader))
        .findFirst().orElseThrow();

    TransferLeaderResponse atFollower = transfer(target, g.getId(), leader);
    assertThat(atFollower.getError().getCode()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(atFollower.getError().getLeaderHint()).isEqualTo(grpcOf(leader));
    assertThat(transfer(leader, g.getId(), "n9").getError().getCode()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(transfer(leader, 999, target).getError().getCode()).isEqualTo(ErrorCode.GROUP_NOT_FOUND);
    assertThat(transfer(leader, g.getId(), leader)).isEqualTo(TransferLeaderResponse.newBuilder()
        .setToNodeId(leader).build());

    TransferLeaderResponse moved = transfer(leader, g.getId(), target);
    assertThat(moved.hasError()).as(moved.getError().getMessage()).isFalse();
    assertThat(moved.getToNodeId()).isEqualTo(target);
    await(target + " leads group " + g.getId(), 10_000,
        () -> nodes.get(target).raftHost().dataReplica(g.getId()).isLeader());
  }

  TransferLeaderResponse transfer(String at, int group, String to) {
    return NodeServiceGrpc.newBlockingStub(channel(grpcOf(at))).withDeadlineAfter(5, TimeUnit.SECONDS)
        .transferLeader(TransferLeaderRequest.newBuilder().setGroupId(group).setToNodeId(to).build());
  }
}
