package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.core.key.KeyCodec;
import io.shoal.node.storage.MemoryStorageEngine;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.DeleteItemCommand;
import io.shoal.proto.DropTableCommand;
import io.shoal.proto.ExpressionSpec;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.PutItemCommand;
import io.shoal.proto.ScalarType;
import io.shoal.proto.StringSet;
import io.shoal.proto.UpdateItemCommand;
import io.shoal.proto.WriteIndexes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bytes apply stores (item versions, LSI entries, change records) must not change between releases: replicas on
 * the old and the new release compare digests during a rolling upgrade, and stored data outlives the code that wrote
 * it. The golden digests were computed by the apply code before it stopped re-encoding items (commit 7026384).
 */
class StoredFormatTest {
  static final GroupRange WHOLE = new GroupRange(1, 0, 0);
  static final long TABLE = 3;
  static final long LSI_TABLE = 4;
  static final long LSI = 5;

  static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  static AttributeValue n(String v) {
    return AttributeValue.newBuilder().setN(v).build();
  }

  static Item item(Random r, String pk, String sk) {
    Item.Builder b = Item.newBuilder().putAttributes("pk", s(pk));
    if (sk != null) {
      b.putAttributes("sk", s(sk));
    }
    b.putAttributes("pts", n(Integer.toString(r.nextInt(1000))));
    if (r.nextBoolean()) {
      b.putAttributes("tags", AttributeValue.newBuilder().setSs(StringSet.newBuilder().addValues("a" + r.nextInt(9))
          .addValues("b" + r.nextInt(9))).build());
    }
    if (r.nextBoolean()) {
      b.putAttributes("nested", AttributeValue.newBuilder().setM(AttributeMap.newBuilder()
          .putValues("city", s("c" + r.nextInt(50)))
          .putValues("list", AttributeValue.newBuilder().setL(AttributeList.newBuilder().addValues(n("1.5"))
              .addValues(AttributeValue.newBuilder().setB(ByteString.copyFrom(new byte[] {1, 2, (byte) r.nextInt()})))
              .addValues(AttributeValue.newBuilder().setNull(true))).build())).build());
    }
    if (r.nextInt(4) == 0) {
      b.putAttributes("empty", AttributeValue.getDefaultInstance());
    }
    b.putAttributes("blurb", s("é" + "x".repeat(r.nextInt(40))));
    return b.build();
  }

  static KeyAttribute keyAttr(String n, ScalarType t) {
    return KeyAttribute.newBuilder().setName(n).setType(t).build();
  }

  static WriteIndexes lsi(IndexInfo.ProjectionType projection) {
    return WriteIndexes.newBuilder().setTableHashKey(keyAttr("pk", ScalarType.S))
        .setTableRangeKey(keyAttr("sk", ScalarType.S))
        .addIndexes(IndexInfo.newBuilder().setName("byRank").setId(LSI).setKind(IndexInfo.Kind.LOCAL)
            .setHashKey(keyAttr("pk", ScalarType.S)).setRangeKey(keyAttr("pts", ScalarType.N))
            .setProjectionType(projection))
        .build();
  }

  static ExpressionSpec expr(String text, String name, AttributeValue value) {
    ExpressionSpec.Builder b = ExpressionSpec.newBuilder().setText(text);
    if (name != null) {
      b.putValues(name, value);
    }
    return b.build();
  }

  /** A seeded mix of puts, deletes, updates (some conditional, some failing), LSI writes and a table drop. */
  static List<GroupStateMachine.Entry> history(long seed) {
    Random r = new Random(seed);
    List<GroupStateMachine.Entry> entries = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      boolean lsiTable = r.nextInt(3) == 0;
      String pk = "k" + r.nextInt(lsiTable ? 3 : 25);
      String sk = lsiTable ? "s" + r.nextInt(6) : null;
      long table = lsiTable ? LSI_TABLE : TABLE;
      ByteString key = ByteString.copyFrom(KeyCodec.itemKey(pk.getBytes(StandardCharsets.UTF_8),
          sk == null ? null : sk.getBytes(StandardCharsets.UTF_8)));
      // Some origins empty and some hlcs behind the last one, so apply's own stamping shows in the records.
      DataCommand.Builder c = DataCommand.newBuilder().setVersion(CommandVersion.V1)
          .setHlc(r.nextInt(10) == 0 ? 0 : 1000 + i).setOrigin(r.nextInt(5) == 0 ? "" : "node-" + r.nextInt(3));
      if (lsiTable) {
        c.setIndexes(lsi(r.nextBoolean() ? IndexInfo.ProjectionType.ALL : IndexInfo.ProjectionType.KEYS_ONLY));
      }
      int op = i == 290 ? 19 : r.nextInt(20);
      if (op < 9) {
        PutItemCommand.Builder put = PutItemCommand.newBuilder().setTableId(table).setKey(key)
            .setItem(item(r, pk, sk));
        if (op == 0) {
          put.setCondition(expr("attribute_not_exists(pk)", null, null));
        }
        c.setPut(put);
      } else if (op < 13) {
        DeleteItemCommand.Builder delete = DeleteItemCommand.newBuilder().setTableId(table).setKey(key);
        if (op == 9) {
          delete.setCondition(expr("pts < :r", ":r", n("500")));
        }
        c.setDelete(delete);
      } else if (op < 19) {
        Item.Builder keyAttributes = Item.newBuilder().putAttributes("pk", s(pk));
        if (sk != null) {
          keyAttributes.putAttributes("sk", s(sk));
        }
        UpdateItemCommand.Builder update = UpdateItemCommand.newBuilder().setTableId(table).setKey(key)
            .setKeyAttributes(keyAttributes)
            .setUpdate(expr("SET pts = if_not_exists(pts, :one) + :one", ":one", n("1")));
        if (op == 13) {
          update.setCondition(expr("attribute_exists(pk)", null, null));
        } else if (op == 14) {
          // Fails on items whose blurb is a string: a refused update must leave no trace.
          update.setUpdate(expr("SET blurb = blurb + :one", ":one", n("1")));
        }
        c.setUpdate(update);
      } else {
        c.setDropTable(DropTableCommand.newBuilder().setTableId(i == 290 ? TABLE : 99));
      }
      entries.add(new GroupStateMachine.Entry(i, c.build()));
    }
    return entries;
  }

  /** Digest of the replica's state, then a digest of every result apply returned (what the proposer replies from). */
  static String applyInBatches(long seed) {
    GroupStateMachine m = new GroupStateMachine(WHOLE, new MemoryStorageEngine());
    List<GroupStateMachine.Entry> entries = history(seed);
    Random r = new Random(seed ^ 0x5eed);
    MessageDigest results = sha256();
    for (int i = 0; i < entries.size(); ) {
      int n = 1 + r.nextInt(9);
      for (ApplyResult result : m.apply(entries.subList(i, Math.min(entries.size(), i + n)))) {
        results.update((result.error() + "|" + result.message() + "|" + result.seq() + "|"
            + result.itemCollectionSize() + "|").getBytes(StandardCharsets.UTF_8));
        results.update(result.oldItem() == null ? new byte[] {'-'} : result.oldItem().toByteArray());
        results.update(result.newItem() == null ? new byte[] {'-'} : result.newItem().toByteArray());
      }
      i += n;
    }
    assertEveryStoredValueIsProtobufsOwnEncoding(m);
    return GroupDigest.compute(m).checksum() + " " + HexFormat.of().formatHex(results.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parsing and re-encoding with protobuf gives back the stored bytes, so both are in the canonical form. */
  static void assertEveryStoredValueIsProtobufsOwnEncoding(GroupStateMachine m) {
    int[] counts = {0, 0};
    m.inspect(v -> {
      v.forEachItem((k, val) -> {
        counts[0]++;
        try {
          assertThat(ItemVersion.parseFrom(val).toByteArray()).isEqualTo(val);
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      });
      v.forEachChange((k, val) -> {
        counts[1]++;
        try {
          assertThat(ChangeRecord.parseFrom(val).toByteArray()).isEqualTo(val);
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      });
      return null;
    });
    assertThat(counts[0]).as("items").isPositive();
    assertThat(counts[1]).as("change records").isPositive();
  }

  @Test
  void appliedStateMatchesTheGoldenDigests() {
    assertThat(applyInBatches(1)).isEqualTo("0bdcf6514b2b773ed167e6bdcb0b76f573f437ee9b090131cbde51eb35d8e1f4"
        + " eada6d383aac46d221b7dbd5a642db49d9359fe85a44d4172558f67c1b5bfd41");
    assertThat(applyInBatches(20261126)).isEqualTo("55ad6f424fe85ed0c0c7370afc454112435a8fabb0048b6c165412c3810c91b4"
        + " f307998a09be5b32a46236b0bd18c67c149750f5ff3023758eb2309ba8b25d64");
  }
}
