package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.shoal.node.storage.StorageException;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written encodings give exactly the generated code's bytes, including every proto3 default. */
class StoredRecordsTest {
  static final Item ITEM = Item.newBuilder()
      .putAttributes("pk", AttributeValue.newBuilder().setS("user#1").build())
      .putAttributes("n", AttributeValue.newBuilder().setN("-12.5").build())
      .putAttributes("m", AttributeValue.newBuilder().setM(AttributeMap.newBuilder()
          .putValues("inner", AttributeValue.newBuilder().setBool(true).build())).build())
      .build();

  static List<Item> items() {
    return List.of(ITEM, Item.getDefaultInstance(),
        Item.newBuilder().putAttributes("x", AttributeValue.getDefaultInstance()).build());
  }

  /** Zero, one-byte and ten-byte varints; empty, ASCII and multi-byte origins. */
  static final long[] NUMBERS = {0, 1, 300, Long.MAX_VALUE, -1};
  static final String[] ORIGINS = {"", "node-1", "nœud-é"};

  @Test
  void itemVersionMatchesTheGeneratedEncoding() {
    for (Item item : items()) {
      for (long hlc : NUMBERS) {
        for (String origin : ORIGINS) {
          for (long seq : NUMBERS) {
            byte[] expected = ItemVersion.newBuilder().setItem(item).setHlc(hlc).setOrigin(origin).setSeq(seq).build()
                .toByteArray();
            assertThat(StoredRecords.itemVersion(item.toByteString(), hlc, origin, seq))
                .as("hlc %d origin %s seq %d", hlc, origin, seq).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void changeRecordMatchesTheGeneratedEncoding() {
    List<Item> images = new ArrayList<>(items());
    images.add(null);
    for (long n : NUMBERS) {
      for (String origin : ORIGINS) {
        for (byte[] key : new byte[][] {{}, {1, 2, 3}}) {
          for (ChangeRecord.Kind kind : List.of(ChangeRecord.Kind.PUT, ChangeRecord.Kind.DELETE,
              ChangeRecord.Kind.KIND_UNSPECIFIED)) {
            for (Item oldImage : images) {
              for (Item newImage : images) {
                ChangeRecord.Builder b = ChangeRecord.newBuilder().setSeq(n).setRaftIndex(n + 1).setHlc(n * 3)
                    .setOrigin(origin).setTableId(n + 7).setKey(ByteString.copyFrom(key)).setKind(kind);
                if (oldImage != null) {
                  b.setOldImage(oldImage);
                }
                if (newImage != null) {
                  b.setNewImage(newImage);
                }
                assertThat(StoredRecords.changeRecord(n, n + 1, n * 3, origin, n + 7, key, kind,
                    oldImage == null ? null : oldImage.toByteString(),
                    newImage == null ? null : newImage.toByteString()))
                    .as("%s", b).isEqualTo(b.build().toByteArray());
              }
            }
          }
        }
      }
    }
  }

  /** Protobuf writes '?' for it (and logs a warning each time, hence one case only). */
  @Test
  void anUnpairedSurrogateInTheOriginIsWrittenAsTheGeneratedCodeWritesIt() {
    String origin = "bad\uD800";
    assertThat(StoredRecords.itemVersion(ITEM.toByteString(), 1, origin, 2))
        .isEqualTo(ItemVersion.newBuilder().setItem(ITEM).setHlc(1).setOrigin(origin).setSeq(2).build().toByteArray());
    assertThat(StoredRecords.changeRecord(1, 2, 3, origin, 4, new byte[] {5}, ChangeRecord.Kind.DELETE, null, null))
        .isEqualTo(ChangeRecord.newBuilder().setSeq(1).setRaftIndex(2).setHlc(3).setOrigin(origin).setTableId(4)
            .setKey(ByteString.copyFrom(new byte[] {5})).setKind(ChangeRecord.Kind.DELETE).build().toByteArray());
  }

  @Test
  void storedItemTakesTheItemBytesOutOfAVersion() {
    for (Item item : items()) {
      byte[] version = ItemVersion.newBuilder().setItem(item).setHlc(9).setOrigin("o").setSeq(4).build().toByteArray();
      StoredItem stored = StoredItem.fromVersion(version);
      assertThat(stored.bytes()).isEqualTo(item.toByteString());
      assertThat(stored.item()).isEqualTo(item).isSameAs(stored.item());
    }
    StoredItem none = StoredItem.fromVersion(ItemVersion.newBuilder().setHlc(1).build().toByteArray());
    assertThat(none.bytes()).isEqualTo(ItemVersion.getDefaultInstance().getItem().toByteString());
    assertThat(none.item()).isEqualTo(Item.getDefaultInstance());
  }

  @Test
  void aTruncatedVersionIsReportedAsCorrupt() {
    byte[] version = ItemVersion.newBuilder().setItem(ITEM).setSeq(1).build().toByteArray();
    assertThatThrownBy(() -> StoredItem.fromVersion(java.util.Arrays.copyOf(version, version.length / 2)))
        .isInstanceOf(StorageException.class).hasMessage("corrupt item version");
  }
}
