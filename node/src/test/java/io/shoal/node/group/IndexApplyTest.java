package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.core.key.KeyCodec;
import io.shoal.node.storage.MemoryStorageEngine;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.IndexEntryOp;
import io.shoal.proto.IndexProgressCommand;
import io.shoal.proto.IndexWriteCommand;
import io.shoal.proto.Item;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replicated rules that make GSI shipping exactly-once and in order: high-water marks and term fences. */
class IndexApplyTest {
  static final long INDEX = 50;
  long index = 1;
  final GroupStateMachine m = new GroupStateMachine(new GroupRange(1, 0, 0), new MemoryStorageEngine());

  static byte[] entry(String pk) {
    return KeyCodec.itemKey(pk.getBytes(StandardCharsets.UTF_8), "base".getBytes(StandardCharsets.UTF_8));
  }

  static IndexEntryOp put(long seq, String pk, String v) {
    return IndexEntryOp.newBuilder().setSeq(seq).setKey(ByteString.copyFrom(entry(pk))).setItem(Item.newBuilder()
        .putAttributes("v", AttributeValue.newBuilder().setS(v).build())).build();
  }

  static IndexEntryOp del(long seq, String pk) {
    return IndexEntryOp.newBuilder().setSeq(seq).setKey(ByteString.copyFrom(entry(pk))).setDelete(true).build();
  }

  ApplyResult apply(long term, boolean backfill, long toSeq, IndexEntryOp... ops) {
    DataCommand cmd = DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(index)
        .setIndexWrite(IndexWriteCommand.newBuilder().setSourceGroup(7).setIndexId(INDEX).setSourceTerm(term)
            .setBackfill(backfill).setToSeq(toSeq).addAllOps(List.of(ops))).build();
    return m.apply(List.of(new GroupStateMachine.Entry(index++, cmd))).get(0);
  }

  String value(String pk) {
    return m.read(INDEX, entry(pk)).map(v -> v.getItem().getAttributesOrThrow("v").getS()).orElse(null);
  }

  @Test
  void opsAtOrBelowTheHighWaterMarkAreSkipped() {
    assertThat(apply(1, false, 10, put(5, "a", "v5"), put(10, "b", "v10")).isOk()).isTrue();
    // A re-sent window overlapping what was applied: only the new op takes effect.
    assertThat(apply(1, false, 12, put(5, "a", "stale"), del(10, "b"), put(12, "c", "v12")).isOk()).isTrue();
    assertThat(value("a")).isEqualTo("v5");
    assertThat(value("b")).isEqualTo("v10");
    assertThat(value("c")).isEqualTo("v12");
  }

  @Test
  void anOlderSourceTermIsRefusedAfterANewerOneWasHeard() {
    assertThat(apply(3, false, 4, put(4, "a", "new-leader")).isOk()).isTrue();
    ApplyResult late = apply(2, true, 0, put(1, "a", "deposed-backfill"));
    assertThat(late.error()).isEqualTo(ErrorCode.EPOCH_MISMATCH);
    assertThat(value("a")).isEqualTo("new-leader");
  }

  @Test
  void backfillPutsApplyRegardlessOfTheMarkAndLeaveItAlone() {
    apply(1, false, 20, put(20, "a", "v20"));
    assertThat(apply(1, true, 0, put(3, "b", "backfilled")).isOk()).isTrue();
    assertThat(value("b")).isEqualTo("backfilled");
    apply(1, false, 21, put(21, "b", "v21"));
    assertThat(value("b")).isEqualTo("v21");
  }

  @Test
  void indexWritesDoNotConsumeChangeLogSequenceNumbers() {
    apply(1, false, 1, put(1, "a", "x"));
    assertThat(m.lastSeq()).isZero();
    assertThat(m.tablesSeen()).contains(INDEX);
  }

  @Test
  void progressRecordsTheFirstBackfillStartThenOnlyMovesForward() {
    DataCommand start = DataCommand.newBuilder().setVersion(CommandVersion.V1).setIndexProgress(
        IndexProgressCommand.newBuilder().setIndexId(9).setPhase(IndexProgressCommand.Phase.BACKFILL_STARTED)).build();
    m.apply(List.of(new GroupStateMachine.Entry(index++, GroupStateMachineTest.put(4, "k", "v", 1))));
    m.apply(List.of(new GroupStateMachine.Entry(index++, start)));
    assertThat(m.indexProgress(9)).contains(new IndexApply.Progress(false, 1));
    m.apply(List.of(new GroupStateMachine.Entry(index++, GroupStateMachineTest.put(4, "k2", "v", 2))));
    m.apply(List.of(new GroupStateMachine.Entry(index++, start)));
    assertThat(m.indexProgress(9)).contains(new IndexApply.Progress(false, 1));
    m.apply(List.of(new GroupStateMachine.Entry(index++, shipped(9, 1)),
        new GroupStateMachine.Entry(index++, shipped(9, 2)), new GroupStateMachine.Entry(index++, shipped(9, 1))));
    assertThat(m.indexProgress(9)).contains(new IndexApply.Progress(true, 2));
    // Survives a reload from the store (restart or snapshot install).
    m.reload();
    assertThat(m.indexProgress(9)).contains(new IndexApply.Progress(true, 2));
  }

  static DataCommand shipped(long indexId, long seq) {
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setIndexProgress(IndexProgressCommand.newBuilder()
        .setIndexId(indexId).setPhase(IndexProgressCommand.Phase.SHIPPED).setSeq(seq)).build();
  }
}
