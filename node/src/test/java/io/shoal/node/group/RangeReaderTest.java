package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.core.item.ItemSize;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.number.DynamoNumber;
import io.shoal.core.partition.HashRanges;
import io.shoal.node.storage.MemoryStorageEngine;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.node.storage.StorageEngine;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.Item;
import io.shoal.proto.PutItemCommand;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query and Scan ranges over both engines: ordering, bounds, paging, segments. */
class RangeReaderTest {
  static final long TABLE = 9;
  @TempDir Path tmp;

  StorageEngine engine(String kind) {
    return kind.equals("memory") ? new MemoryStorageEngine() : new RocksStorageEngine(tmp.resolve("db"));
  }

  static byte[] pk(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] sk(String number) {
    return DynamoNumber.encodeOrdered(DynamoNumber.parse(number));
  }

  static DataCommand put(String p, String n) {
    Item item = Item.newBuilder().putAttributes("p", AttributeValue.newBuilder().setS(p).build())
        .putAttributes("n", AttributeValue.newBuilder().setN(n).build()).build();
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(1).setPut(PutItemCommand.newBuilder()
        .setTableId(TABLE).setKey(ByteString.copyFrom(KeyCodec.itemKey(pk(p), sk(n)))).setItem(item)).build();
  }

  /** Partition "a" holds n in {-10, -1.5, 0, 1, 2, 2.5, 10, 100}; partitions "b".."z" hold one item each. */
  GroupStateMachine loaded(String kind) {
    GroupStateMachine m = new GroupStateMachine(new GroupRange(1, 0, 0), engine(kind));
    List<GroupStateMachine.Entry> entries = new ArrayList<>();
    long i = 1;
    for (String n : List.of("10", "-1.5", "2", "100", "0", "-10", "2.5", "1")) {
      entries.add(new GroupStateMachine.Entry(i++, put("a", n)));
    }
    for (char c = 'b'; c <= 'z'; c++) {
      entries.add(new GroupStateMachine.Entry(i++, put(String.valueOf(c), "7")));
    }
    m.apply(entries);
    return m;
  }

  static List<String> numbers(RangeReader.Result r) {
    return r.rows().stream().map(row -> row.version().getItem().getAttributesOrThrow("n").getN())
        .collect(Collectors.toList());
  }

  static RangeQuery query(byte[] lower, boolean li, byte[] upper, boolean ui, boolean desc, byte[] start, int limit) {
    return new RangeQuery(TABLE, pk("a"), lower, li, upper, ui, desc, start, null, null, limit, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void queryReturnsOnePartitionInNumericSortKeyOrderBothWays(String kind) {
    GroupStateMachine m = loaded(kind);
    assertThat(numbers(m.readRange(query(null, false, null, false, false, null, 0))))
        .containsExactly("-10", "-1.5", "0", "1", "2", "2.5", "10", "100");
    assertThat(numbers(m.readRange(query(null, false, null, false, true, null, 0))))
        .containsExactly("100", "10", "2.5", "2", "1", "0", "-1.5", "-10");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void sortKeyBoundsHonourInclusiveness(String kind) {
    GroupStateMachine m = loaded(kind);
    assertThat(numbers(m.readRange(query(sk("0"), true, sk("10"), true, false, null, 0))))
        .as("BETWEEN 0 AND 10").containsExactly("0", "1", "2", "2.5", "10");
    assertThat(numbers(m.readRange(query(sk("0"), false, sk("10"), false, false, null, 0))))
        .as("> 0 and < 10").containsExactly("1", "2", "2.5");
    assertThat(numbers(m.readRange(query(null, false, sk("-1.5"), true, true, null, 0))))
        .as("<= -1.5, descending").containsExactly("-1.5", "-10");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void pagesResumeAfterTheLastKeyWithoutGapsOrRepeats(String kind) {
    GroupStateMachine m = loaded(kind);
    for (boolean desc : new boolean[] {false, true}) {
      List<String> all = new ArrayList<>();
      byte[] start = null;
      int pages = 0;
      while (true) {
        RangeReader.Result r = m.readRange(query(null, false, null, false, desc, start, 3));
        all.addAll(numbers(r));
        pages++;
        if (!r.truncated()) {
          break;
        }
        start = r.rows().get(r.rows().size() - 1).itemKey();
      }
      assertThat(all).hasSize(8).doesNotHaveDuplicates();
      assertThat(pages).isEqualTo(3);
      assertThat(all).isEqualTo(numbers(m.readRange(query(null, false, null, false, desc, null, 0))));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void byteBudgetStopsAfterTheItemThatCrossesIt(String kind) {
    GroupStateMachine m = loaded(kind);
    RangeReader.Result r = m.readRange(new RangeQuery(TABLE, pk("a"), null, false, null, false, false, null, null,
        null, 0, 1));
    assertThat(r.rows()).hasSize(1);
    assertThat(r.truncated()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void byteBudgetCountsDynamoItemSizesNotStoredBytes(String kind) {
    GroupStateMachine m = loaded(kind);
    RangeReader.Result whole = m.readRange(new RangeQuery(TABLE, pk("a"), null, false, null, false, false, null, null,
        null, 0, 0));
    long[] sizes = whole.rows().stream().mapToLong(row -> ItemSize.of(row.version().getItem())).toArray();
    assertThat(whole.bytesRead()).isEqualTo(java.util.Arrays.stream(sizes).sum());
    // Stored rows also hold the key, HLC, origin and seq; a budget of exactly three items' DynamoDB sizes must
    // therefore stop after the third row, which a stored-bytes budget would not.
    long budget = sizes[0] + sizes[1] + sizes[2];
    RangeReader.Result r = m.readRange(new RangeQuery(TABLE, pk("a"), null, false, null, false, false, null, null,
        null, 0, budget));
    assertThat(r.rows()).hasSize(3);
    assertThat(r.truncated()).isTrue();
    assertThat(r.bytesRead()).isEqualTo(budget);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocks"})
  void scanSegmentsCoverTheGroupExactlyOnce(String kind) {
    GroupStateMachine m = loaded(kind);
    RangeReader.Result whole = m.readRange(new RangeQuery(TABLE, null, null, false, null, false, false, null, null,
        null, 0, 0));
    assertThat(whole.rows()).hasSize(8 + 25);
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (long[] seg : HashRanges.evenSplit(7)) {
      RangeReader.Result r = m.readRange(new RangeQuery(TABLE, null, null, false, null, false, false, null, seg[0],
          seg[1], 0, 0));
      for (RangeReader.Row row : r.rows()) {
        seen.add(new BigDecimal(row.version().getItem().getAttributesOrThrow("n").getN()) + "/"
            + row.version().getItem().getAttributesOrThrow("p").getS());
        total++;
      }
    }
    assertThat(total).isEqualTo(33);
    assertThat(seen).hasSize(33);
  }
}
