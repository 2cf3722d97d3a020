package io.shoal.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.core.index.IndexKeys;
import io.shoal.core.index.Projection;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.core.partition.PartitionRouter;
import io.shoal.node.changelog.ChangeLogTrimmer;
import io.shoal.node.raft.DataReplica;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ClusterView;
import io.shoal.proto.CreateIndexChange;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.KeyBound;
import io.shoal.proto.MetaAlterTableRequest;
import io.shoal.proto.MetaAlterTableResponse;
import io.shoal.proto.MetaCreateTableRequest;
import io.shoal.proto.MetaCreateTableResponse;
import io.shoal.proto.MetaGetTableRequest;
import io.shoal.proto.MetaGetTableResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.RangeItem;
import io.shoal.proto.RangeReadRequest;
import io.shoal.proto.RangeReadResponse;
import io.shoal.proto.Replica;
import io.shoal.proto.ScalarType;
import io.shoal.proto.TableInfo;
import io.shoal.proto.WriteRequest;
import io.shoal.proto.WriteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Secondary indexes on a real in-process cluster: LSI entries change with their base items (strongly consistent),
 * GSI entries follow the change log to other groups, a GSI created on a loaded table is backfilled and becomes
 * ACTIVE, and after a leader node is killed and restarted mid-load every GSI equals the projection of a full scan.
 */
class IndexClusterTest extends InProcessCluster {
  static KeyAttribute key(String name, ScalarType t) {
    return KeyAttribute.newBuilder().setName(name).setType(t).build();
  }

  static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  static AttributeValue n(long v) {
    return AttributeValue.newBuilder().setN(Long.toString(v)).build();
  }

  MetaServiceGrpc.MetaServiceBlockingStub meta() {
    return MetaServiceGrpc.newBlockingStub(channel(grpcOf(view().getMetaLeader()))).withDeadlineAfter(5,
        TimeUnit.SECONDS);
  }

  TableInfo table(String name) {
    MetaGetTableResponse r = meta().getTable(MetaGetTableRequest.newBuilder().setName(name).build());
    assertThat(r.hasError()).as(r.getError().getMessage()).isFalse();
    return r.getTable();
  }

  /** Writes (put, or delete when item is null) through the group leader, with the table's index definitions. */
  WriteResponse write(PartitionRouter router, TableInfo t, String pk, String sk, Item item) throws Exception {
    byte[] pkBytes = pk.getBytes(StandardCharsets.UTF_8);
    GroupInfo g = router.groupFor(PartitionHash.hash(t.getId(), pkBytes));
    WriteRequest.Builder req = WriteRequest.newBuilder().setGroupId(g.getId()).setGroupEpoch(g.getEpoch())
        .setTableId(t.getId()).setKey(ByteString.copyFrom(KeyCodec.itemKey(pkBytes,
            sk.getBytes(StandardCharsets.UTF_8)))).setIndexes(IndexKeys.forWrites(t));
    if (item == null) {
      req.setDelete(true);
    } else {
      req.setPut(item);
    }
    // 30 s covers an election on a loaded machine; the last answer of each replica explains a failure.
    Map<String, String> last = new java.util.TreeMap<>();
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      for (Replica r : g.getReplicasList()) {
        if (!nodes.containsKey(r.getNodeId())) {
          continue;
        }
        try {
          WriteResponse resp = NodeServiceGrpc.newBlockingStub(channel(grpcOf(r.getNodeId())))
              .withDeadlineAfter(2, TimeUnit.SECONDS).write(req.build());
          if (!resp.hasError() || resp.getError().getCode() == io.shoal.proto.ErrorCode.VALIDATION) {
            return resp;
          }
          last.put(r.getNodeId(), resp.getError().getCode() + " " + resp.getError().getMessage());
        } catch (RuntimeException e) {
          last.put(r.getNodeId(), e.toString());
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("could not write " + pk + "/" + sk + " to group " + g.getId() + "; last answers: "
        + last);
  }

  /** Every item of a table or index id: a strongly consistent scan of every group, keyed by stored key. */
  Map<ByteString, Item> scanAll(long id, long hashTableId) throws Exception {
    Map<ByteString, Item> out = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    ClusterView v = view();
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      ByteString start = ByteString.EMPTY;
      while (true) {
        RangeReadResponse r = readRange(g, RangeReadRequest.newBuilder().setGroupId(g.getId()).setTableId(id)
            .setHashTableId(hashTableId).setConsistent(true).setLimit(100).setExclusiveStart(start).build());
        for (RangeItem i : r.getItemsList()) {
          out.put(i.getKey(), i.getItem());
        }
        if (!r.getTruncated()) {
          break;
        }
        start = r.getItems(r.getItemsCount() - 1).getKey();
      }
    }
    return out;
  }

  RangeReadResponse readRange(GroupInfo g, RangeReadRequest req) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      for (Replica r : g.getReplicasList()) {
        if (!nodes.containsKey(r.getNodeId())) {
          continue;
        }
        try {
          RangeReadResponse resp = NodeServiceGrpc.newBlockingStub(channel(grpcOf(r.getNodeId())))
              .withDeadlineAfter(5, TimeUnit.SECONDS).readRange(req);
          if (!resp.hasError()) {
            return resp;
          }
        } catch (RuntimeException ignored) {
          // next replica
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no replica of group " + g.getId() + " answered");
  }

  /** What the index must hold: the projection of every base item that has the index keys. */
  static Map<ByteString, Item> expected(TableInfo t, IndexInfo index, Map<ByteString, Item> base) {
    IndexKeys.TableKeys keys = new IndexKeys.TableKeys(t.getHashKey(), t.getRangeKey());
    Map<ByteString, Item> out = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    for (Item item : base.values()) {
      byte[] entry = IndexKeys.entryKey(index, item, IndexKeys.baseItemKey(keys, item));
      if (entry != null) {
        out.put(ByteString.copyFrom(entry), Projection.project(index, keys, item));
      }
    }
    return out;
  }

  static IndexInfo gsi(String name, String hash, String range, IndexInfo.ProjectionType p) {
    IndexInfo.Builder b = IndexInfo.newBuilder().setName(name).setKind(IndexInfo.Kind.GLOBAL)
        .setHashKey(key(hash, ScalarType.S)).setProjectionType(p);
    if (range != null) {
      b.setRangeKey(key(range, ScalarType.N));
    }
    return b.build();
  }

  static Item item(String pk, String sk, String color, Long rank, String note) {
    Item.Builder b = Item.newBuilder().putAttributes("pk", s(pk)).putAttributes("sk", s(sk));
    if (color != null) {
      b.putAttributes("color", s(color));
    }
    if (rank != null) {
      b.putAttributes("rank", n(rank));
    }
    b.putAttributes("note", s(note));
    return b.build();
  }

  @Test
  void localAndGlobalIndexesConvergeThroughBackfillAndFailover() throws Exception {
    // Leaders trim the change log as soon as a record is no longer needed, so every step below also checks that
    // trimming never takes a record a shipping GSI (backfilling, lagging, after failover) still has to read.
    trimSchedule = new ChangeLogTrimmer.Schedule(100, 1);
    startCluster();
    await("partition map with leaders", 60_000, () -> allGroupsLed(3));
    IndexInfo lsi = IndexInfo.newBuilder().setName("byRank").setKind(IndexInfo.Kind.LOCAL)
        .setHashKey(key("pk", ScalarType.S)).setRangeKey(key("rank", ScalarType.N))
        .setProjectionType(IndexInfo.ProjectionType.KEYS_ONLY).build();
    MetaCreateTableResponse created = meta().createTable(MetaCreateTableRequest.newBuilder().setTable(
        TableInfo.newBuilder().setName("t").setHashKey(key("pk", ScalarType.S)).setRangeKey(key("sk", ScalarType.S))
            .addIndexes(lsi).addIndexes(gsi("byColor", "color", "rank", IndexInfo.ProjectionType.ALL))
            .addIndexes(gsi("byNote", "note", null, IndexInfo.ProjectionType.KEYS_ONLY))).build());
    assertThat(created.hasError()).as(created.getError().getMessage()).isFalse();
    TableInfo t = created.getTable();
    assertThat(t.getIndexesList()).extracting(IndexInfo::getStatus).containsOnly(IndexInfo.Status.ACTIVE);
    PartitionRouter router = new PartitionRouter(view().getPartitionMap());

    Random rnd = new Random(42);
    for (int i = 0; i < 120; i++) {
      String color = rnd.nextInt(5) == 0 ? null : "c" + rnd.nextInt(4);
      write(router, t, "p" + (i % 8), "s" + i, item("p" + (i % 8), "s" + i, color, (long) rnd.nextInt(50), "n" + i));
    }
    // A wrongly typed index key is refused at apply, naming the index, and changes nothing.
    WriteResponse bad = write(router, t, "p0", "bad", Item.newBuilder().putAttributes("pk", s("p0"))
        .putAttributes("sk", s("bad")).putAttributes("color", n(1)).build());
    assertThat(bad.getError().getMessage()).isEqualTo("One or more parameter values were invalid: Type mismatch "
        + "for Index Key color Expected: S Actual: N IndexName: byColor");

    // LSI: a strongly consistent read right after the writes sees exactly the base items, in rank order.
    IndexInfo lsiDef = t.getIndexes(0);
    byte[] p0 = "p0".getBytes(StandardCharsets.UTF_8);
    GroupInfo g0 = router.groupFor(PartitionHash.hash(t.getId(), p0));
    RangeReadResponse lsiQuery = readRange(g0, RangeReadRequest.newBuilder().setGroupId(g0.getId())
        .setTableId(lsiDef.getId()).setHashTableId(t.getId()).setPartitionKey(ByteString.copyFrom(p0))
        .setLower(KeyBound.newBuilder().setKey(ByteString.copyFrom(IndexKeys.sortBounds(IndexKeys.Op.GE,
            KeyCodec.sortKeyBytes(ScalarType.N, n(10)), null).lower())).setInclusive(true))
        .setConsistent(true).build());
    Map<ByteString, Item> base = scanAll(t.getId(), t.getId());
    List<Long> ranks = new ArrayList<>();
    base.values().stream().filter(i -> i.getAttributesOrThrow("pk").getS().equals("p0"))
        .filter(i -> Long.parseLong(i.getAttributesOrThrow("rank").getN()) >= 10)
        .forEach(i -> ranks.add(Long.parseLong(i.getAttributesOrThrow("rank").getN())));
    ranks.sort(null);
    assertThat(lsiQuery.getItemsList()).extracting(i -> Long.parseLong(i.getItem().getAttributesOrThrow("rank")
        .getN())).containsExactlyElementsOf(ranks);
    assertThat(lsiQuery.getItems(0).getItem().getAttributesMap()).containsOnlyKeys("pk", "sk", "rank");
    assertThat(scanAll(lsiDef.getId(), t.getId())).isEqualTo(expected(t, lsiDef, base));

    awaitIndexesMatch(t);

    // Updates that move, drop and restore index keys; deletes; then a new GSI created on the loaded table while
    // writes continue and the node leading most groups is killed and restarted.
    for (int i = 0; i < 60; i++) {
      int k = rnd.nextInt(120);
      if (rnd.nextInt(4) == 0) {
        write(router, t, "p" + (k % 8), "s" + k, null);
      } else {
        String color = rnd.nextInt(3) == 0 ? null : "c" + rnd.nextInt(4);
        write(router, t, "p" + (k % 8), "s" + k, item("p" + (k % 8), "s" + k, color, (long) rnd.nextInt(50),
            "m" + i));
      }
    }
    MetaAlterTableResponse alter = meta().alterTable(MetaAlterTableRequest.newBuilder().setAlter(AlterTableCommand
        .newBuilder().setName("t").setCreateIndex(CreateIndexChange.newBuilder().setIndex(gsi("byColorOnly", "color",
            null, IndexInfo.ProjectionType.INCLUDE).toBuilder().addNonKeyAttributes("note")))).build());
    assertThat(alter.hasError()).as(alter.getError().getMessage()).isFalse();
    IndexInfo added = alter.getTable().getIndexes(3);
    assertThat(added.getStatus()).isEqualTo(IndexInfo.Status.CREATING);
    assertThat(added.getBackfilling()).isTrue();
    TableInfo t2 = alter.getTable();

    Map<String, Long> leadersPerNode = new HashMap<>();
    view().getLeadersList().forEach(l -> leadersPerNode.merge(l.getNodeId(), 1L, Long::sum));
    String victim = leadersPerNode.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    for (int i = 0; i < 150; i++) {
      if (i == 40) {
        nodes.remove(victim).close();
      }
      if (i == 100) {
        start(victim);
      }
      int k = rnd.nextInt(200);
      String color = rnd.nextInt(4) == 0 ? null : "c" + rnd.nextInt(4);
      write(router, t2, "p" + (k % 8), "s" + k, item("p" + (k % 8), "s" + k, color, (long) rnd.nextInt(50),
          "x" + i));
    }
    await("all nodes alive and every group led", 60_000, () -> allGroupsLed(3));
    await("the new index to become ACTIVE", 60_000,
        () -> table("t").getIndexes(3).getStatus() == IndexInfo.Status.ACTIVE);
    assertThat(table("t").getIndexes(3).getBackfilling()).isFalse();
    awaitIndexesMatch(table("t"));
    await("replicas to agree", 60_000, () -> replicasAgree(view()));

    // The logs were trimmed, the same on every replica (replicasAgree digests the change log too).
    await("every written group's change log trimmed on every replica", 30_000, () -> nodes.values().stream()
        .flatMap(n -> n.raftHost().replicas().values().stream()).filter(r -> r instanceof DataReplica)
        .map(r -> ((DataReplica) r).state()).allMatch(st -> st.lastSeq() == 0 || st.logStart() > 1));
    await("replicas to agree after trimming", 60_000, () -> replicasAgree(view()));
    // ReadChangeLog from seq 0 starts at the trimmed log's start and says where that is.
    GroupInfo written = router.groupFor(PartitionHash.hash(t.getId(), p0));
    io.shoal.proto.ChangeLogResponse log = NodeServiceGrpc.newBlockingStub(channel(grpcOf(
        written.getReplicas(0).getNodeId()))).withDeadlineAfter(5, TimeUnit.SECONDS).readChangeLog(
            io.shoal.proto.ChangeLogRequest.newBuilder().setGroupId(written.getId()).setFromSeq(0).setLimit(10)
                .build());
    assertThat(log.hasError()).as(log.getError().getMessage()).isFalse();
    assertThat(log.getLogStart()).isGreaterThan(1);
    if (log.getRecordsCount() > 0) {
      assertThat(io.shoal.proto.ChangeRecord.parseFrom(log.getRecords(0)).getSeq())
          .isGreaterThanOrEqualTo(log.getLogStart());
    }

    // Lag is observable: per index and group on the shipping leaders, and per index in the cluster view.
    String scraped = String.join("\n", nodes.values().stream().map(n -> n.metrics().scrape()).toList());
    assertThat(scraped).containsPattern("shoal_index_lag_records\\{group=\"g\\d+\",index_id=\"" + added.getId()
        + "\"");
    assertThat(scraped).contains("shoal_index_lag_seconds{");
    await("lag board to show every GSI caught up", 30_000, () -> view().getIndexLagList().size() == 3
        && view().getIndexLagList().stream().allMatch(l -> l.getRecordsBehind() == 0
            && l.getGroupsBackfilled() == l.getGroups()));
  }

  /** Waits until every GSI of the table holds exactly the projection of a full scan of the base table. */
  void awaitIndexesMatch(TableInfo t) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    String mismatch = null;
    while (System.currentTimeMillis() < deadline) {
      Map<ByteString, Item> base = scanAll(t.getId(), t.getId());
      mismatch = null;
      for (IndexInfo i : t.getIndexesList()) {
        Map<ByteString, Item> want = expected(t, i, base);
        Map<ByteString, Item> got = scanAll(i.getId(), IndexKeys.hashTableId(i, t.getId()));
        if (!want.equals(got)) {
          mismatch = i.getName() + ": expected " + want.size() + " entries, found " + got.size();
          break;
        }
      }
      if (mismatch == null) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("indexes did not converge: " + mismatch);
  }
}
