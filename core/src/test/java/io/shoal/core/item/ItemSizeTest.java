package io.shoal.core.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shoal.core.number.DynamoNumber;
import io.shoal.core.number.InvalidNumberException;
import io.shoal.core.number.RandomNumberText;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.StringSet;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
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

  /** The rule as first written, through BigDecimal: {@link ItemSize#number} counts digits in place instead. */
  static String numberThroughBigDecimal(String text) {
    try {
      BigDecimal n = DynamoNumber.parse(text);
      if (n.signum() == 0) {
        return "1";
      }
      int digits = n.stripTrailingZeros().unscaledValue().abs().toString().length();
      return Long.toString((digits + 1) / 2 + 1);
    } catch (InvalidNumberException e) {
      return "error: " + e.getMessage();
    }
  }

  @Test
  void numberSizesAgreeWithTheBigDecimalRuleOnRandomText() {
    long seed = System.nanoTime();
    System.out.println("ItemSizeTest numbers seed " + seed);
    Random random = new Random(seed);
    String alphabet = "00001112299-.e+";
    for (int n = 0; n < 50_000; n++) {
      String t = RandomNumberText.next(random, alphabet);
      String size;
      try {
        size = Long.toString(ItemSize.number(t));
      } catch (InvalidNumberException e) {
        size = "error: " + e.getMessage();
      }
      assertThat(size).as("number(\"%s\"), seed %d", t, seed).isEqualTo(numberThroughBigDecimal(t));
    }
  }

  @Test
  void utf8SizesAgreeWithGetBytesIncludingUnpairedSurrogates() {
    long seed = System.nanoTime();
    System.out.println("ItemSizeTest strings seed " + seed);
    Random random = new Random(seed);
    char[] alphabet = {'a', 'Z', '~', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '€', '\uffff', '\ud83d', '\ude00',
        '\udbff', '\udc00'};
    for (int n = 0; n < 50_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String t = text.toString();
      assertThat(ItemSize.utf8(t)).as("utf8(%s), seed %d", t.chars().mapToObj(Integer::toHexString).toList(), seed)
          .isEqualTo(t.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
