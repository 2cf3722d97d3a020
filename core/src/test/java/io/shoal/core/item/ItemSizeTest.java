package io.shoal.core.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.StringSet;
import org.junit.jupiter.api.Test;

class ItemSizeTest {
  static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  static AttributeValue n(String v) {
    return AttributeValue.newBuilder().setN(v).build();
  }

  @Test
  void stringsAndBinariesCountUtf8BytesAndNamesCountToo() {
    assertThat(ItemSize.of(Item.newBuilder().putAttributes("ab", s("é€")).build())).isEqualTo(2 + 2 + 3);
    assertThat(ItemSize.of(Item.newBuilder().putAttributes("b", AttributeValue.newBuilder()
        .setB(ByteString.copyFrom(new byte[10])).build()).build())).isEqualTo(11);
  }

  @Test
  void numbersCountOneBytePerTwoSignificantDigitsPlusOne() {
    assertThat(ItemSize.number("0")).isEqualTo(1);
    assertThat(ItemSize.number("7")).isEqualTo(2);
    assertThat(ItemSize.number("12")).isEqualTo(2);
    assertThat(ItemSize.number("123")).isEqualTo(3);
    assertThat(ItemSize.number("1000000")).as("trailing zeros are trimmed").isEqualTo(2);
    assertThat(ItemSize.number("-0.00125")).isEqualTo(3);
    assertThat(ItemSize.number("1" + "2".repeat(37))).isEqualTo(20);
  }

  @Test
  void documentsAddThreeBytesAndOnePerElement() {
    AttributeValue list = AttributeValue.newBuilder().setL(AttributeList.newBuilder().addValues(s("ab"))
        .addValues(AttributeValue.newBuilder().setBool(true))).build();
    assertThat(ItemSize.value(list)).isEqualTo(3 + (1 + 2) + (1 + 1));
    AttributeValue map = AttributeValue.newBuilder().setM(AttributeMap.newBuilder().putValues("k", s("v"))).build();
    assertThat(ItemSize.value(map)).isEqualTo(3 + 1 + 1 + 1);
    AttributeValue set = AttributeValue.newBuilder().setSs(StringSet.newBuilder().addValues("a").addValues("bcd"))
        .build();
    assertThat(ItemSize.value(set)).isEqualTo(4);
  }

  @Test
  void theLimitIs400KibibytesIncludingNames() {
    Item atLimit = Item.newBuilder().putAttributes("k", s("x".repeat((int) ItemSize.MAX_BYTES - 1))).build();
    assertThat(ItemSize.of(atLimit)).isEqualTo(ItemSize.MAX_BYTES);
    Item over = Item.newBuilder().putAttributes("kk", s("x".repeat((int) ItemSize.MAX_BYTES - 1))).build();
    assertThat(ItemSize.of(over)).isGreaterThan(ItemSize.MAX_BYTES);
  }
}
