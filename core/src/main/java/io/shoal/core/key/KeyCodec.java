package io.shoal.core.key;

import com.google.protobuf.ByteString;
import io.shoal.core.number.DynamoNumber;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ScalarType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes DynamoDB primary keys into the bytes Shoal stores and sorts by.
 *
 * <p>Item key layout: {@code [pk length: 2 bytes big-endian][pk bytes][sk bytes]}, the sort key part
 * absent when the table has none. The length prefix keeps every partition's items contiguous and lets
 * the partition key be raw bytes: no other partition key can share the prefix, because equal lengths
 * with equal bytes means the same key. Sort key bytes are last, so S and B sort keys can also be raw:
 * unsigned byte order of UTF-8 is code point order, which is how DynamoDB orders strings, and a
 * string sorts before its extensions in both. N keys use {@link DynamoNumber#encodeOrdered}, which
 * makes "1", "1.0" and "1e0" one key, as in DynamoDB.
 *
 * <p>Changing this layout changes the on-disk format.
 */
public final class KeyCodec {

  /** DynamoDB's limit on a partition key value, in bytes. */
  public static final int MAX_PARTITION_KEY_BYTES = 2048;
  /** DynamoDB's limit on a sort key value, in bytes. */
  public static final int MAX_SORT_KEY_BYTES = 1024;

  private static final int LENGTH_PREFIX = 2;

  private KeyCodec() {}

  /**
   * Bytes of a partition key value: UTF-8 for S, raw for B, the ordered number encoding for N (so
   * equal numbers hash alike).
   *
   * @throws IllegalArgumentException if the value's type does not match, the value is empty, the
   *     number is invalid, or the value is longer than {@value #MAX_PARTITION_KEY_BYTES} bytes
   */
  public static byte[] partitionKeyBytes(ScalarType type, AttributeValue value) {
    return scalarBytes(type, value, MAX_PARTITION_KEY_BYTES, "partition");
  }

  /**
   * Bytes of a sort key value, ordered as DynamoDB orders sort keys when compared as unsigned bytes:
   * S by UTF-8 bytes, B by bytes, N numerically. S and B are not self-delimiting, which is why they
   * may only be placed last in a composite key.
   *
   * @throws IllegalArgumentException as for {@link #partitionKeyBytes}, with a
   *     {@value #MAX_SORT_KEY_BYTES}-byte limit
   */
  public static byte[] sortKeyBytes(ScalarType type, AttributeValue value) {
    return scalarBytes(type, value, MAX_SORT_KEY_BYTES, "sort");
  }

  /** The composite item key; {@code skBytesOrNull} is null for tables without a sort key. */
  public static byte[] itemKey(byte[] pkBytes, byte[] skBytesOrNull) {
    checkPkLength(pkBytes);
    int skLength = skBytesOrNull == null ? 0 : skBytesOrNull.length;
    byte[] out = new byte[LENGTH_PREFIX + pkBytes.length + skLength];
    out[0] = (byte) (pkBytes.length >>> 8);
    out[1] = (byte) pkBytes.length;
    System.arraycopy(pkBytes, 0, out, LENGTH_PREFIX, pkBytes.length);
    if (skBytesOrNull != null) {
      System.arraycopy(skBytesOrNull, 0, out, LENGTH_PREFIX + pkBytes.length, skLength);
    }
    return out;
  }

  /** The prefix every item key of this partition key starts with, and nothing else does. */
  public static byte[] partitionPrefix(byte[] pkBytes) {
    return itemKey(pkBytes, null);
  }

  /**
   * The smallest key greater than every key starting with {@code prefix}: an exclusive upper bound
   * for a prefix scan. Null when no such key exists (the prefix is all 0xFF bytes).
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  /** The partition key bytes of an item key. */
  public static byte[] pkOf(byte[] itemKey) {
    int pkLength = pkLength(itemKey);
    return Arrays.copyOfRange(itemKey, LENGTH_PREFIX, LENGTH_PREFIX + pkLength);
  }

  /**
   * The sort key bytes of an item key, or null when it has none. Valid sort key bytes are never
   * empty, so "none" is unambiguous.
   */
  public static byte[] skOf(byte[] itemKey) {
    int skStart = LENGTH_PREFIX + pkLength(itemKey);
    return skStart == itemKey.length ? null : Arrays.copyOfRange(itemKey, skStart, itemKey.length);
  }

  /** Rebuilds a partition key value from {@link #partitionKeyBytes} output. */
  public static AttributeValue decodePartitionKey(ScalarType type, byte[] pkBytes) {
    return decodeScalar(type, pkBytes);
  }

  /** Rebuilds a sort key value from {@link #sortKeyBytes} output; N comes back canonical. */
  public static AttributeValue decodeSortKey(ScalarType type, byte[] skBytes) {
    return decodeScalar(type, skBytes);
  }

  private static byte[] scalarBytes(ScalarType type, AttributeValue value, int limit, String role) {
    byte[] bytes;
    switch (type) {
      case S -> {
        requireCase(value, AttributeValue.ValueCase.S, type, role);
        bytes = value.getS().getBytes(StandardCharsets.UTF_8);
      }
      case B -> {
        requireCase(value, AttributeValue.ValueCase.B, type, role);
        bytes = value.getB().toByteArray();
      }
      case N -> {
        requireCase(value, AttributeValue.ValueCase.N, type, role);
        // An N key's size is small and bounded by the number limits, so only S/B hit the byte limit.
        return DynamoNumber.encodeOrdered(DynamoNumber.parse(value.getN()));
      }
      default -> throw new IllegalArgumentException("not a key type: " + type);
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException(role + " key value must not be empty");
    }
    if (bytes.length > limit) {
      throw new IllegalArgumentException(
          role + " key value is " + bytes.length + " bytes; the limit is " + limit);
    }
    return bytes;
  }

  private static void requireCase(
      AttributeValue value, AttributeValue.ValueCase expected, ScalarType type, String role) {
    if (value.getValueCase() != expected) {
      throw new IllegalArgumentException(
          role + " key is declared " + type + " but the value is " + value.getValueCase());
    }
  }

  private static AttributeValue decodeScalar(ScalarType type, byte[] bytes) {
    return switch (type) {
      case S -> AttributeValue.newBuilder()
          .setS(new String(bytes, StandardCharsets.UTF_8))
          .build();
      case B -> AttributeValue.newBuilder().setB(ByteString.copyFrom(bytes)).build();
      case N -> {
        DynamoNumber.Decoded decoded = DynamoNumber.decodeOrdered(bytes, 0);
        if (decoded.length() != bytes.length) {
          throw new IllegalArgumentException("trailing bytes after encoded number key");
        }
        BigDecimal n = decoded.value();
        yield AttributeValue.newBuilder().setN(DynamoNumber.canonical(n)).build();
      }
      default -> throw new IllegalArgumentException("not a key type: " + type);
    };
  }

  private static void checkPkLength(byte[] pkBytes) {
    if (pkBytes.length > MAX_PARTITION_KEY_BYTES) {
      throw new IllegalArgumentException(
          "partition key is " + pkBytes.length + " bytes; the limit is " + MAX_PARTITION_KEY_BYTES);
    }
  }

  private static int pkLength(byte[] itemKey) {
    if (itemKey.length < LENGTH_PREFIX) {
      throw new IllegalArgumentException("item key shorter than its length prefix");
    }
    int pkLength = ((itemKey[0] & 0xFF) << 8) | (itemKey[1] & 0xFF);
    if (LENGTH_PREFIX + pkLength > itemKey.length) {
      throw new IllegalArgumentException("item key shorter than its partition key length");
    }
    return pkLength;
  }
}
