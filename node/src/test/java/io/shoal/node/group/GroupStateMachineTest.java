package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.core.key.KeyCodec;
import io.shoal.node.storage.MemoryStorageEngine;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.node.storage.StorageEngine;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.DeleteItemCommand;
import io.shoal.proto.DropTableCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.Item;
import io.shoal.proto.PutItemCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One suite, run against both engines: the state machine must behave identically on each. */
class GroupStateMachineTest {
  static final GroupRange WHOLE = new GroupRange(1, 0, 0);

  @TempDir Path tmp;

  StorageEngine engine(String kind, String name) {
    return kind.equals("memory") ? new MemoryStorageEngine() : new RocksStorageEngine(tmp.resolve(name));
  }

  static byte[] key(String pk) {
    return KeyCodec.itemKey(pk.getBytes(StandardCharsets.UTF_8), null);
  }

  static DataCommand put(long table, String pk, String value, long hlc) {
    Item item = Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS(pk).build())
        .putAttributes("v", AttributeValue.newBuilder().setS(value).build()).build();
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(hlc).setOrigin("test")
        .setPut(PutItemCommand.newBuilder().setTableId(table).setKey(ByteString.copyFrom(key(pk))).setItem(item))
        .build();
  }

  static DataCommand delete(long table, String pk, long hlc) {
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(hlc).setOrigin("test")
        .setDelete(DeleteItemCommand.newBuilder().setTableId(table).setKey(ByteString.copyFrom(key(pk)))).build();
  }

  static DataCommand drop(long table, long hlc) {
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(hlc).setOrigin("test")
        .setDropTable(DropTableCommand.newBuilder().setTableId(table)).build();
  }

  static String digest(GroupStateMachine m) {
    return GroupDigest.compute(m).checksum();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void putReturnsOldImageAndAssignsIncreasingSequenceNumbers(String kind) {
    GroupStateMachine m = new GroupStateMachine(WHOLE, engine(kind, "a"));
    List<ApplyResult> r = m.apply(List.of(new GroupStateMachine.Entry(1, put(7, "k", "v1", 100)),
        new GroupStateMachine.Entry(2, put(7, "k", "v2", 101)), new GroupStateMachine.Entry(3, delete(7, "k", 102))));
    assertThat(r.get(0).oldItem()).isNull();
    assertThat(r.get(1).oldItem().getAttributesOrThrow("v").getS()).isEqualTo("v1");
    assertThat(r.get(2).oldItem().getAttributesOrThrow("v").getS()).isEqualTo("v2");
    assertThat(r).extracting(ApplyResult::seq).containsExactly(1L, 2L, 3L);
    assertThat(m.read(7, key("k"))).isEmpty();
    List<ChangeRecord> log = m.changes(1, 100);
    assertThat(log).extracting(ChangeRecord::getKind)
        .containsExactly(ChangeRecord.Kind.PUT, ChangeRecord.Kind.PUT, ChangeRecord.Kind.DELETE);
    assertThat(log).extracting(ChangeRecord::getRaftIndex).containsExactly(1L, 2L, 3L);
    assertThat(log.get(2).getOldImage().getAttributesOrThrow("v").getS()).isEqualTo("v2");
    assertThat(log.get(1).getHlc()).isEqualTo(101);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void entriesAtOrBelowTheAppliedIndexAreNotAppliedAgain(String kind) {
    StorageEngine e = engine(kind, "b");
    GroupStateMachine m = new GroupStateMachine(WHOLE, e);
    m.apply(List.of(new GroupStateMachine.Entry(5, put(1, "a", "x", 1))));
    String before = digest(m);
    // A restart replays the log from an older snapshot: index 5 again, then 6.
    GroupStateMachine restarted = new GroupStateMachine(WHOLE, e);
    List<ApplyResult> r = restarted.apply(List.of(new GroupStateMachine.Entry(5, put(1, "a", "CHANGED", 1))));
    assertThat(r.get(0)).isNull();
    assertThat(digest(restarted)).isEqualTo(before);
    assertThat(restarted.lastSeq()).isEqualTo(1);
    restarted.apply(List.of(new GroupStateMachine.Entry(6, put(1, "b", "y", 2))));
    assertThat(restarted.lastSeq()).isEqualTo(2);
    assertThat(restarted.appliedIndex()).isEqualTo(6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void droppedTableLosesItsItemsAndRefusesWrites(String kind) {
    GroupStateMachine m = new GroupStateMachine(WHOLE, engine(kind, "c"));
    m.apply(List.of(new GroupStateMachine.Entry(1, put(3, "a", "x", 1)), new GroupStateMachine.Entry(2, put(4, "a", "y", 2)),
        new GroupStateMachine.Entry(3, drop(3, 3))));
    assertThat(m.read(3, key("a"))).isEmpty();
    assertThat(m.read(4, key("a"))).isPresent();
    ApplyResult r = m.apply(List.of(new GroupStateMachine.Entry(4, put(3, "b", "z", 4)))).get(0);
    assertThat(r.error()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    assertThat(m.read(3, key("b"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void keysOutsideTheGroupRangeAreRefused(String kind) {
    GroupStateMachine m = new GroupStateMachine(new GroupRange(2, 5, 6), engine(kind, "d"));
    ApplyResult r = m.apply(List.of(new GroupStateMachine.Entry(1, put(1, "a", "x", 1)))).get(0);
    assertThat(r.error()).isEqualTo(ErrorCode.EPOCH_MISMATCH);
    assertThat(m.lastSeq()).isZero();
  }

  /** Same commands, any batching, any engine: the same contents (the determinism the replicas rely on). */
  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261125L})
  void sameCommandsGiveTheSameStateRegardlessOfBatchingAndEngine(long seed) {
    System.out.println("determinism seed " + seed);
    Random rnd = new Random(seed);
    List<GroupStateMachine.Entry> entries = new ArrayList<>();
    for (int i = 1; i <= 400; i++) {
      long table = 1 + rnd.nextInt(3);
      String pk = "k" + rnd.nextInt(40);
      int op = rnd.nextInt(20);
      DataCommand c = op < 14 ? put(table, pk, "v" + i, 1000 + i) : op < 19 ? delete(table, pk, 1000 + i)
          : drop(table, 1000 + i);
      entries.add(new GroupStateMachine.Entry(i, c));
    }
    Function<GroupStateMachine, String> run1 = m -> {
      m.apply(entries);
      return digest(m);
    };
    Function<GroupStateMachine, String> runBatches = m -> {
      for (int i = 0; i < entries.size(); ) {
        int n = 1 + rnd.nextInt(17);
        m.apply(entries.subList(i, Math.min(entries.size(), i + n)));
        i += n;
      }
      return digest(m);
    };
    String a = run1.apply(new GroupStateMachine(WHOLE, new MemoryStorageEngine()));
    String b = runBatches.apply(new GroupStateMachine(WHOLE, new MemoryStorageEngine()));
    String c = runBatches.apply(new GroupStateMachine(WHOLE, new RocksStorageEngine(tmp.resolve("r" + seed))));
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void commitTimestampsIncreaseInLogOrderEvenWhenAProposerClockIsBehind(String kind) {
    StorageEngine e = engine(kind, "h");
    GroupStateMachine m = new GroupStateMachine(WHOLE, e);
    // The second leader's clock (hlc 500) is behind the first's (1000).
    m.apply(List.of(new GroupStateMachine.Entry(1, put(1, "a", "x", 1000)),
        new GroupStateMachine.Entry(2, put(1, "b", "y", 500)), new GroupStateMachine.Entry(3, put(1, "c", "z", 2000))));
    List<ChangeRecord> log = m.changes(1, 10);
    assertThat(log).extracting(ChangeRecord::getHlc).containsExactly(1000L, 1001L, 2000L);
    assertThat(m.read(1, key("b")).orElseThrow().getHlc()).isEqualTo(1001L);
    assertThat(new GroupStateMachine(WHOLE, e).lastHlc()).as("persisted across restart").isEqualTo(2000L);
  }

  static io.shoal.proto.ExpressionSpec expr(String text, java.util.Map<String, AttributeValue> values) {
    return io.shoal.proto.ExpressionSpec.newBuilder().setText(text).putAllValues(values).build();
  }

  static DataCommand update(String pk, io.shoal.proto.ExpressionSpec update, io.shoal.proto.ExpressionSpec cond) {
    io.shoal.proto.UpdateItemCommand.Builder u = io.shoal.proto.UpdateItemCommand.newBuilder().setTableId(1)
        .setKey(ByteString.copyFrom(key(pk))).setKeyAttributes(Item.newBuilder()
            .putAttributes("pk", AttributeValue.newBuilder().setS(pk).build()));
    if (update != null) {
      u.setUpdate(update);
    }
    if (cond != null) {
      u.setCondition(cond);
    }
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(1).setOrigin("test").setUpdate(u).build();
  }

  static AttributeValue n(String v) {
    return AttributeValue.newBuilder().setN(v).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void conditionalIncrementsApplyOnlyWhenTheVersionMatches(String kind) {
    GroupStateMachine m = new GroupStateMachine(WHOLE, engine(kind, "u"));
    var inc = expr("SET n = if_not_exists(n, :zero) + :one, ver = if_not_exists(ver, :zero) + :one",
        java.util.Map.of(":zero", n("0"), ":one", n("1")));
    ApplyResult first = m.apply(List.of(new GroupStateMachine.Entry(1, update("k", inc, null)))).get(0);
    assertThat(first.isOk()).isTrue();
    assertThat(first.newItem().getAttributesOrThrow("n").getN()).isEqualTo("1");
    // Two clients both read ver=1 and race: only the first conditional update may apply.
    var onlyAtVersion1 = expr("ver = :v", java.util.Map.of(":v", n("1")));
    List<ApplyResult> race = m.apply(List.of(new GroupStateMachine.Entry(2, update("k", inc, onlyAtVersion1)),
        new GroupStateMachine.Entry(3, update("k", inc, onlyAtVersion1))));
    assertThat(race.get(0).isOk()).isTrue();
    assertThat(race.get(1).error()).isEqualTo(ErrorCode.CONDITION_FAILED);
    assertThat(race.get(1).oldItem().getAttributesOrThrow("ver").getN()).isEqualTo("2");
    assertThat(m.read(1, key("k")).orElseThrow().getItem().getAttributesOrThrow("n").getN()).isEqualTo("2");
    assertThat(m.lastSeq()).as("a failed condition writes no change record").isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void failedConditionsAndTypeErrorsChangeNothing(String kind) {
    GroupStateMachine m = new GroupStateMachine(WHOLE, engine(kind, "v"));
    m.apply(List.of(new GroupStateMachine.Entry(1, put(1, "k", "text", 1))));
    String before = digestWithoutBookkeeping(m);
    DataCommand putIfAbsent = put(1, "k", "other", 2).toBuilder().setPut(put(1, "k", "other", 2).getPut().toBuilder()
        .setCondition(expr("attribute_not_exists(pk)", java.util.Map.of()))).build();
    ApplyResult r1 = m.apply(List.of(new GroupStateMachine.Entry(2, putIfAbsent))).get(0);
    assertThat(r1.error()).isEqualTo(ErrorCode.CONDITION_FAILED);
    ApplyResult r2 = m.apply(List.of(new GroupStateMachine.Entry(3,
        update("k", expr("SET v = v + :one", java.util.Map.of(":one", n("1"))), null)))).get(0);
    assertThat(r2.error()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(r2.message()).isEqualTo("An operand in the update expression has an incorrect data type");
    assertThat(digestWithoutBookkeeping(m)).isEqualTo(before);
    assertThat(m.read(1, key("k")).orElseThrow().getItem().getAttributesOrThrow("v").getS()).isEqualTo("text");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void anUpdateThatWouldGrowTheItemPast400KibibytesIsRefused(String kind) {
    GroupStateMachine m = new GroupStateMachine(WHOLE, engine(kind, "w"));
    String big = "x".repeat(300 * 1024);
    var setA = expr("SET a = :v", java.util.Map.of(":v", AttributeValue.newBuilder().setS(big).build()));
    var setB = expr("SET b = :v", java.util.Map.of(":v", AttributeValue.newBuilder().setS(big).build()));
    assertThat(m.apply(List.of(new GroupStateMachine.Entry(1, update("k", setA, null)))).get(0).isOk()).isTrue();
    ApplyResult r = m.apply(List.of(new GroupStateMachine.Entry(2, update("k", setB, null)))).get(0);
    assertThat(r.error()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(r.message()).isEqualTo("Item size to update has exceeded the maximum allowed size");
    assertThat(m.read(1, key("k")).orElseThrow().getItem().containsAttributes("b")).isFalse();
  }

  static DataCommand trimBelow(long below, long hlc) {
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(hlc).setOrigin("test")
        .setTrimChangeLog(io.shoal.proto.TrimChangeLogCommand.newBuilder().setBelowSeq(below).setIdsBelow(100)
            .addLiveIndexIds(42))
        .build();
  }

  static DataCommand progress(long indexId, io.shoal.proto.IndexProgressCommand.Phase phase, long seq, long hlc) {
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(hlc).setOrigin("test")
        .setIndexProgress(io.shoal.proto.IndexProgressCommand.newBuilder().setIndexId(indexId).setPhase(phase)
            .setSeq(seq)).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void aTrimDeletesTheRecordsBelowItsBoundAndNothingElse(String kind) {
    StorageEngine e = engine(kind, "trim");
    GroupStateMachine m = new GroupStateMachine(WHOLE, e);
    List<GroupStateMachine.Entry> writes = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      writes.add(new GroupStateMachine.Entry(i, put(7, "k" + i, "v", 100 + i)));
    }
    m.apply(writes);
    m.apply(List.of(new GroupStateMachine.Entry(11, trimBelow(6, 200))));
    assertThat(m.logStart()).isEqualTo(6);
    assertThat(m.lastSeq()).as("a trim is not a record").isEqualTo(10);
    assertThat(m.changes(6, 100)).extracting(ChangeRecord::getSeq).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(m.read(7, key("k1"))).as("items stay").isPresent();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.changes(5, 100))
        .hasMessageContaining("starts at 6");

    // Never backwards; never past the last record; new records keep their numbering.
    m.apply(List.of(new GroupStateMachine.Entry(12, trimBelow(3, 201)),
        new GroupStateMachine.Entry(13, put(7, "k11", "v", 202)), new GroupStateMachine.Entry(14, trimBelow(99, 203))));
    assertThat(m.logStart()).isEqualTo(12);
    assertThat(m.lastSeq()).isEqualTo(11);
    assertThat(m.changes(12, 100)).isEmpty();
    m.apply(List.of(new GroupStateMachine.Entry(15, put(7, "k12", "v", 204))));
    assertThat(m.changes(12, 100)).extracting(ChangeRecord::getSeq).containsExactly(12L);

    // The start survives a restart.
    assertThat(new GroupStateMachine(WHOLE, e).logStart()).isEqualTo(12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void aTrimKeepsWhatAShippingGsiStillNeedsAndReplicasTrimAlike(String kind) {
    List<GroupStateMachine.Entry> log = new ArrayList<>();
    long i = 1;
    for (; i <= 5; i++) {
      log.add(new GroupStateMachine.Entry(i, put(7, "k" + i, "v", 100 + i)));
    }
    // GSI 42 starts its backfill at seq 5, so it reads from 6 on; more writes follow.
    log.add(new GroupStateMachine.Entry(i++, progress(42, io.shoal.proto.IndexProgressCommand.Phase.BACKFILL_STARTED,
        0, 200)));
    for (int w = 0; w < 5; w++, i++) {
      log.add(new GroupStateMachine.Entry(i, put(7, "w" + w, "v", 300 + w)));
    }
    log.add(new GroupStateMachine.Entry(i++, trimBelow(Long.MAX_VALUE, 400)));
    GroupStateMachine a = new GroupStateMachine(WHOLE, engine(kind, "ra"));
    a.apply(log);
    assertThat(a.logStart()).isEqualTo(6);
    assertThat(a.changes(6, 100)).extracting(ChangeRecord::getSeq).containsExactly(6L, 7L, 8L, 9L, 10L);

    // The GSI ships through 8: the next trim may take 6..8.
    List<GroupStateMachine.Entry> more = List.of(
        new GroupStateMachine.Entry(i, progress(42, io.shoal.proto.IndexProgressCommand.Phase.SHIPPED, 8, 500)),
        new GroupStateMachine.Entry(i + 1, trimBelow(Long.MAX_VALUE, 501)));
    a.apply(more);
    assertThat(a.logStart()).isEqualTo(9);

    // Another replica applying the same entries in other batches ends byte for byte the same.
    GroupStateMachine b = new GroupStateMachine(WHOLE, engine(kind, "rb"));
    for (GroupStateMachine.Entry e : log) {
      b.apply(List.of(e));
    }
    b.apply(more);
    assertThat(digest(b)).isEqualTo(digest(a));
    assertThat(b.logStart()).isEqualTo(9);
  }

  /** Items and change log only: the applied index moves with every entry, even a refused one. */
  static String digestWithoutBookkeeping(GroupStateMachine m) {
    StringBuilder sb = new StringBuilder();
    m.inspect(v -> {
      v.forEachItem((k, val) -> sb.append(java.util.Arrays.toString(k)).append(java.util.Arrays.toString(val)));
      v.forEachChange((k, val) -> sb.append(java.util.Arrays.toString(k)).append(java.util.Arrays.toString(val)));
      return null;
    });
    return sb.toString();
  }
}
