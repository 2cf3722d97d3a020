package io.shoal.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

  private static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  private static AttributeValue n(String v) {
    return AttributeValue.newBuilder().setN(v).build();
  }

  private static AttributeValue b(int... bytes) {
    byte[] raw = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      raw[i] = (byte) bytes[i];
    }
    return AttributeValue.newBuilder().setB(ByteString.copyFrom(raw)).build();
  }

  private static List<byte[]> sortedEncodings(ScalarType type, List<AttributeValue> inOrder) {
    List<byte[]> encoded = new ArrayList<>();
    inOrder.forEach(v -> encoded.add(KeyCodec.sortKeyBytes(type, v)));
    return encoded;
  }

  private static void assertStrictlyAscending(List<byte[]> encoded) {
    for (int i = 1; i < encoded.size(); i++) {
      assertThat(Arrays.compareUnsigned(encoded.get(i - 1), encoded.get(i)))
          .as("element %d sorts before element %d", i - 1, i)
          .isNegative();
    }
  }

  @Test
  void stringSortKeysOrderByUnsignedUtf8() {
    // Code point order, not UTF-16 order: U+FF5E (3 UTF-8 bytes) sorts before U+1D11E (4 bytes),
    // although its UTF-16 unit 0xFF5E is greater than the surrogate 0xD834.
    List<AttributeValue> ascending = List.of(
        s("A"), s("Z"), s("a"), s("ab"), s("b"), s("z"), s("é"), s("～"), s("𝄞"));
    assertStrictlyAscending(sortedEncodings(ScalarType.S, ascending));
  }

  @Test
  void binarySortKeysOrderUnsigned() {
    List<AttributeValue> ascending = List.of(b(0x00), b(0x00, 0x00), b(0x01), b(0x7f), b(0x80), b(0xff));
    assertStrictlyAscending(sortedEncodings(ScalarType.B, ascending));
  }

  @Test
  void numberSortKeysOrderNumericallyAndEqualNumbersCollide() {
    List<AttributeValue> ascending = List.of(n("-1e10"), n("-2"), n("-1.5"), n("0"), n("1e-130"),
        n("0.5"), n("2"), n("10"), n("1e100"));
    assertStrictlyAscending(sortedEncodings(ScalarType.N, ascending));
    assertThat(KeyCodec.sortKeyBytes(ScalarType.N, n("1000")))
        .isEqualTo(KeyCodec.sortKeyBytes(ScalarType.N, n("1e3")))
        .isEqualTo(KeyCodec.sortKeyBytes(ScalarType.N, n("+1000.00")));
  }

  @Test
  void itemKeysOfOnePartitionSortBySortKeyAndShareThePrefix() {
    byte[] pk = KeyCodec.partitionKeyBytes(ScalarType.S, s("user#1"));
    byte[] otherPk = KeyCodec.partitionKeyBytes(ScalarType.S, s("user#10"));
    List<AttributeValue> ascending = List.of(n("-3"), n("0"), n("2.5"), n("10"), n("11"));
    List<byte[]> keys = new ArrayList<>();
    ascending.forEach(v -> keys.add(KeyCodec.itemKey(pk, KeyCodec.sortKeyBytes(ScalarType.N, v))));
    List<byte[]> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(3));
    shuffled.sort(Arrays::compareUnsigned);
    assertThat(shuffled).containsExactlyElementsOf(keys);

    byte[] prefix = KeyCodec.partitionPrefix(pk);
    byte[] end = KeyCodec.prefixEnd(prefix);
    for (byte[] k : keys) {
      assertThat(Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)).isTrue();
      assertThat(Arrays.compareUnsigned(k, prefix)).isPositive();
      assertThat(Arrays.compareUnsigned(k, end)).isNegative();
    }
    // "user#1" is a string prefix of "user#10", but not a key prefix: the length prefix differs.
    byte[] foreign = KeyCodec.itemKey(otherPk, KeyCodec.sortKeyBytes(ScalarType.N, n("1")));
    assertThat(Arrays.equals(foreign, 0, prefix.length, prefix, 0, prefix.length)).isFalse();
    assertThat(KeyCodec.partitionPrefix(pk)).isEqualTo(KeyCodec.itemKey(pk, null));
  }

  @Test
  void splitsAndDecodesKeys() {
    byte[] pk = KeyCodec.partitionKeyBytes(ScalarType.N, n("0042.50"));
    byte[] sk = KeyCodec.sortKeyBytes(ScalarType.S, s("2024-01-01#é"));
    byte[] key = KeyCodec.itemKey(pk, sk);
    assertThat(KeyCodec.pkOf(key)).isEqualTo(pk);
    assertThat(KeyCodec.skOf(key)).isEqualTo(sk);
    assertThat(KeyCodec.decodePartitionKey(ScalarType.N, KeyCodec.pkOf(key))).isEqualTo(n("42.5"));
    assertThat(KeyCodec.decodeSortKey(ScalarType.S, KeyCodec.skOf(key))).isEqualTo(s("2024-01-01#é"));

    byte[] hashOnly = KeyCodec.itemKey(KeyCodec.partitionKeyBytes(ScalarType.B, b(1, 2, 0xff)), null);
    assertThat(KeyCodec.skOf(hashOnly)).isNull();
    assertThat(KeyCodec.decodePartitionKey(ScalarType.B, KeyCodec.pkOf(hashOnly))).isEqualTo(b(1, 2, 0xff));
    assertThat(KeyCodec.decodeSortKey(ScalarType.N, KeyCodec.sortKeyBytes(ScalarType.N, n("-1E+3"))))
        .isEqualTo(n("-1000"));
  }

  @Test
  void enforcesTypesAndLimits() {
    assertThatThrownBy(() -> KeyCodec.partitionKeyBytes(ScalarType.S, n("1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyCodec.sortKeyBytes(ScalarType.N, s("1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyCodec.partitionKeyBytes(ScalarType.N, n("abc")))
        .hasMessage("The parameter cannot be converted to a numeric value: abc");
    assertThatThrownBy(() -> KeyCodec.partitionKeyBytes(ScalarType.S, s("")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(KeyCodec.partitionKeyBytes(ScalarType.S, s("x".repeat(2048)))).hasSize(2048);
    assertThatThrownBy(() -> KeyCodec.partitionKeyBytes(ScalarType.S, s("x".repeat(2049))))
        .isInstanceOf(IllegalArgumentException.class);
    // 1024 bytes made of 2-byte characters
    assertThat(KeyCodec.sortKeyBytes(ScalarType.S, s("é".repeat(512)))).hasSize(1024);
    assertThatThrownBy(() -> KeyCodec.sortKeyBytes(ScalarType.S, s("é".repeat(512) + "x")))
        .isInstanceOf(IllegalArgumentException.class);

    byte[] maxPk = new byte[2048];
    Arrays.fill(maxPk, (byte) 0xff);
    byte[] key = KeyCodec.itemKey(maxPk, new byte[] {7});
    assertThat(KeyCodec.pkOf(key)).isEqualTo(maxPk);
    assertThat(KeyCodec.skOf(key)).containsExactly(7);
  }

  @Test
  void prefixEndIsTheNextPrefix() {
    assertThat(KeyCodec.prefixEnd(new byte[] {1, 2, 3})).containsExactly(1, 2, 4);
    assertThat(KeyCodec.prefixEnd(new byte[] {1, (byte) 0xff, (byte) 0xff})).containsExactly(2);
    assertThat(KeyCodec.prefixEnd(new byte[] {(byte) 0xff})).isNull();
  }
}
