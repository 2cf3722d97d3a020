package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.core.key.KeyCodec;
import io.shoal.node.storage.MemoryStorageEngine;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.DeleteItemCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.PutItemCommand;
import io.shoal.proto.ScalarType;
import io.shoal.proto.WriteIndexes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LSI entries and item collection sizes move with the base write, in the same apply. */
class LocalIndexWritesTest {
  static final long TABLE = 4;
  static final long LSI = 5;
  final GroupStateMachine m = new GroupStateMachine(new GroupRange(1, 0, 0), new MemoryStorageEngine());
  long index = 1;

  static KeyAttribute key(String n, ScalarType t) {
    return KeyAttribute.newBuilder().setName(n).setType(t).build();
  }

  static WriteIndexes indexes(long limit) {
    return WriteIndexes.newBuilder().setTableHashKey(key("pk", ScalarType.S)).setTableRangeKey(key("sk", ScalarType.S))
        .addIndexes(IndexInfo.newBuilder().setName("byRank").setId(LSI).setKind(IndexInfo.Kind.LOCAL)
            .setHashKey(key("pk", ScalarType.S)).setRangeKey(key("rank", ScalarType.N))
            .setProjectionType(IndexInfo.ProjectionType.KEYS_ONLY))
        .setItemCollectionLimitBytes(limit).build();
  }

  static byte[] baseKey(String sk) {
    return KeyCodec.itemKey("p".getBytes(StandardCharsets.UTF_8), sk.getBytes(StandardCharsets.UTF_8));
  }

  ApplyResult put(String sk, long rank, String pad, long limit) {
    Item item = Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS("p").build())
        .putAttributes("sk", AttributeValue.newBuilder().setS(sk).build())
        .putAttributes("rank", AttributeValue.newBuilder().setN(Long.toString(rank)).build())
        .putAttributes("pad", AttributeValue.newBuilder().setS(pad).build()).build();
    DataCommand cmd = DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(index).setIndexes(indexes(limit))
        .setPut(PutItemCommand.newBuilder().setTableId(TABLE).setKey(ByteString.copyFrom(baseKey(sk))).setItem(item))
        .build();
    return m.apply(List.of(new GroupStateMachine.Entry(index++, cmd))).get(0);
  }

  ApplyResult delete(String sk, long limit) {
    DataCommand cmd = DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(index).setIndexes(indexes(limit))
        .setDelete(DeleteItemCommand.newBuilder().setTableId(TABLE).setKey(ByteString.copyFrom(baseKey(sk)))).build();
    return m.apply(List.of(new GroupStateMachine.Entry(index++, cmd))).get(0);
  }

  long lsiEntries() {
    return m.readRange(new RangeQuery(LSI, "p".getBytes(StandardCharsets.UTF_8), null, false, null, false, false,
        null, null, null, 0, 0, TABLE)).rows().size();
  }

  @Test
  void lsiEntriesFollowPutsMovesAndDeletes() {
    put("a", 1, "x", 0);
    put("b", 2, "x", 0);
    put("a", 3, "y", 0);
    assertThat(lsiEntries()).isEqualTo(2);
    delete("b", 0);
    assertThat(lsiEntries()).isEqualTo(1);
    assertThat(m.tablesSeen()).contains(LSI);
  }

  @Test
  void growingACollectionPastItsLimitIsRefusedAndChangesNothing() {
    String pad = "z".repeat(100);
    ApplyResult first = put("a", 1, pad, 300);
    assertThat(first.isOk()).isTrue();
    long one = first.itemCollectionSize();
    assertThat(one).isGreaterThan(100);
    ApplyResult second = put("b", 2, pad, 300);
    assertThat(second.itemCollectionSize()).isEqualTo(2 * one);
    ApplyResult third = put("c", 3, pad, 300);
    assertThat(third.error()).isEqualTo(ErrorCode.ITEM_COLLECTION_LIMIT);
    assertThat(third.message()).isEqualTo("Collection size exceeded.");
    assertThat(lsiEntries()).isEqualTo(2);
    // Shrinking is always allowed, and makes room again.
    assertThat(delete("a", 300).itemCollectionSize()).isEqualTo(one);
    assertThat(put("c", 3, pad, 300).isOk()).isTrue();
  }
}
