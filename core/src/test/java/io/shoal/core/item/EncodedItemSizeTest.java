package io.shoal.core.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.core.number.DynamoNumber;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.BinarySet;
import io.shoal.proto.Item;
import io.shoal.proto.StringSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The size of an encoded item must be exactly {@link ItemSize#of} of the decoded one, for every shape of item. */
class EncodedItemSizeTest {
  private static final String[] TEXTS = {"", "a", "pk", "é€", "😀x", "\u0000\"\\", "名前", "x".repeat(300)};
  private static final String[] NUMBERS = {"0", "7", "-12", "123.45", "1E+20", "-0.000001", "99999999999999999999"};

  @Test
  void matchesTheDecodedSizeOnRandomItems() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      Item item = randomItem(random, 0);
      assertThat(EncodedItemSize.of(item.toByteString())).as("item %s", item).isEqualTo(ItemSize.of(item));
    }
  }

  @Test
  void countsEmptyValuesNamesAndContainers() throws Exception {
    Item item = Item.newBuilder()
        .putAttributes("", AttributeValue.newBuilder().setS("").build())
        .putAttributes("m", AttributeValue.newBuilder().setM(AttributeMap.getDefaultInstance()).build())
        .putAttributes("l", AttributeValue.newBuilder().setL(AttributeList.getDefaultInstance()).build())
        .putAttributes("z", AttributeValue.newBuilder().setNull(true).build())
        .putAttributes("f", AttributeValue.newBuilder().setBool(false).build())
        .build();
    assertThat(ItemSize.of(item)).isEqualTo(0 + 1 + 3 + 1 + 3 + 1 + 1 + 1 + 1);
    assertThat(EncodedItemSize.of(item.toByteString())).isEqualTo(ItemSize.of(item));
    assertThat(EncodedItemSize.of(ByteString.EMPTY)).isZero();
  }

  @Test
  void refusesBytesThatAreNotAnItem() {
    byte[] truncated = Item.newBuilder().putAttributes("name", AttributeValue.newBuilder().setS("value").build())
        .build().toByteArray();
    ByteString cut = ByteString.copyFrom(truncated, 0, truncated.length - 2);
    assertThatThrownBy(() -> EncodedItemSize.of(cut)).isInstanceOf(InvalidProtocolBufferException.class);
  }

  private static Item randomItem(Random random, int depth) {
    Item.Builder b = Item.newBuilder();
    int attributes = random.nextInt(6);
    for (int i = 0; i < attributes; i++) {
      b.putAttributes(text(random) + i, value(random, depth));
    }
    return b.build();
  }

  private static AttributeValue value(Random random, int depth) {
    AttributeValue.Builder v = AttributeValue.newBuilder();
    int kind = random.nextInt(depth >= 3 ? 8 : 10);
    switch (kind) {
      case 0 -> v.setS(text(random));
      case 1 -> v.setN(DynamoNumber.normalize(NUMBERS[random.nextInt(NUMBERS.length)]));
      case 2 -> v.setB(bytes(random));
      case 3 -> v.setBool(random.nextBoolean());
      case 4 -> v.setNull(true);
      case 5 -> {
        StringSet.Builder ss = StringSet.newBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
          ss.addValues(text(random) + i);
        }
        v.setSs(ss);
      }
      case 6 -> {
        StringSet.Builder ns = StringSet.newBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
          ns.addValues(DynamoNumber.normalize(NUMBERS[random.nextInt(NUMBERS.length)]));
        }
        v.setNs(ns);
      }
      case 7 -> {
        BinarySet.Builder bs = BinarySet.newBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
          bs.addValues(bytes(random));
        }
        v.setBs(bs);
      }
      case 8 -> {
        AttributeList.Builder l = AttributeList.newBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
          l.addValues(value(random, depth + 1));
        }
        v.setL(l);
      }
      default -> v.setM(AttributeMap.newBuilder().putAllValues(randomItem(random, depth + 1).getAttributesMap()));
    }
    return v.build();
  }

  private static String text(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)];
  }

  private static ByteString bytes(Random random) {
    byte[] b = new byte[random.nextInt(40)];
    random.nextBytes(b);
    return ByteString.copyFrom(b);
  }
}
