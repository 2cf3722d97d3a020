package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.core.item.ItemSize;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.node.storage.MemoryStorageEngine;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.node.storage.StorageEngine;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.DeleteItemCommand;
import io.shoal.proto.DropTableCommand;
import io.shoal.proto.Item;
import io.shoal.proto.PutItemCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statistics scan behind ItemCount/TableSizeBytes, on both storage engines. */
class TableTotalsScanTest {
  @TempDir Path tmp;

  StorageEngine engine(String kind) {
    return kind.equals("memory") ? new MemoryStorageEngine() : new RocksStorageEngine(tmp.resolve("db"));
  }

  static Item item(String pk, String payload) {
    return Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS(pk).build())
        .putAttributes("data", AttributeValue.newBuilder().setS(payload).build()).build();
  }

  static ByteString key(String pk) {
    return ByteString.copyFrom(KeyCodec.itemKey(pk.getBytes(StandardCharsets.UTF_8), null));
  }

  static DataCommand put(long table, Item item) {
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(1).setPut(PutItemCommand.newBuilder()
        .setTableId(table).setKey(key(item.getAttributesOrThrow("pk").getS())).setItem(item)).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void countsItemsAndDynamoSizesPerTableWithinTheGroupsRange(String kind) {
    StorageEngine engine = engine(kind);
    // Two groups over one engine (as on a node hosting both): each counts only its half of the hash space.
    GroupStateMachine low = new GroupStateMachine(new GroupRange(1, 0, Long.MIN_VALUE), engine);
    GroupStateMachine high = new GroupStateMachine(new GroupRange(2, Long.MIN_VALUE, 0), engine);
    long[] expectedLow = new long[4];
    long[] expectedHigh = new long[4];
    List<GroupStateMachine.Entry> lowLog = new ArrayList<>();
    List<GroupStateMachine.Entry> highLog = new ArrayList<>();
    for (long table : new long[] {1, 2}) {
      for (int i = 0; i < 40; i++) {
        Item it = item("k" + i, "x".repeat(i));
        long hash = PartitionHash.hash(table, ("k" + i).getBytes(StandardCharsets.UTF_8));
        boolean isLow = low.range().contains(hash);
        long[] sums = isLow ? expectedLow : expectedHigh;
        int slot = (int) (table - 1) * 2;
        sums[slot]++;
        sums[slot + 1] += ItemSize.of(it);
        List<GroupStateMachine.Entry> log = isLow ? lowLog : highLog;
        log.add(new GroupStateMachine.Entry(log.size() + 1, put(table, it)));
      }
    }
    // An overwrite counts once, with its new size; a delete removes the item.
    Item bigger = item("k0", "y".repeat(100));
    long hash0 = PartitionHash.hash(1, "k0".getBytes(StandardCharsets.UTF_8));
    boolean k0Low = low.range().contains(hash0);
    (k0Low ? lowLog : highLog).add(new GroupStateMachine.Entry((k0Low ? lowLog : highLog).size() + 1,
        put(1, bigger)));
    long[] k0Sums = k0Low ? expectedLow : expectedHigh;
    k0Sums[1] += ItemSize.of(bigger) - ItemSize.of(item("k0", ""));
    long hash1 = PartitionHash.hash(1, "k1".getBytes(StandardCharsets.UTF_8));
    boolean k1Low = low.range().contains(hash1);
    (k1Low ? lowLog : highLog).add(new GroupStateMachine.Entry((k1Low ? lowLog : highLog).size() + 1,
        DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(2).setDelete(DeleteItemCommand.newBuilder()
            .setTableId(1).setKey(key("k1"))).build()));
    long[] k1Sums = k1Low ? expectedLow : expectedHigh;
    k1Sums[0]--;
    k1Sums[1] -= ItemSize.of(item("k1", "x"));
    low.apply(lowLog);
    high.apply(highLog);

    Map<Long, TableTotalsScan.Totals> lowTotals = low.tableTotals();
    Map<Long, TableTotalsScan.Totals> highTotals = high.tableTotals();
    assertThat(lowTotals.get(1L)).isEqualTo(new TableTotalsScan.Totals(expectedLow[0], expectedLow[1]));
    assertThat(lowTotals.get(2L)).isEqualTo(new TableTotalsScan.Totals(expectedLow[2], expectedLow[3]));
    assertThat(highTotals.get(1L)).isEqualTo(new TableTotalsScan.Totals(expectedHigh[0], expectedHigh[1]));
    assertThat(highTotals.get(2L)).isEqualTo(new TableTotalsScan.Totals(expectedHigh[2], expectedHigh[3]));
    assertThat(expectedLow[0] + expectedHigh[0]).isEqualTo(39);

    // A dropped table is no longer reported.
    low.apply(List.of(new GroupStateMachine.Entry(lowLog.size() + 1, DataCommand.newBuilder()
        .setVersion(CommandVersion.V1).setHlc(3).setDropTable(DropTableCommand.newBuilder().setTableId(2)).build())));
    assertThat(low.tableTotals()).containsOnlyKeys(1L);
    engine.close();
  }
}
