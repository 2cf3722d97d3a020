package io.shoal.core.item;

import io.shoal.core.number.DynamoNumber;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Item size the way DynamoDB counts it (developer guide, "Item sizes and formats"): attribute names in UTF-8
 * bytes plus each value's size. S: UTF-8 bytes; B: raw bytes; N: about one byte per two significant digits plus
 * one; BOOL and NULL: one byte; L and M: three bytes plus one byte per element (plus key names for M); sets: the
 * sum of their elements. The number rule is DynamoDB's documented approximation; items near the limit may differ
 * from DynamoDB by a few bytes.
 */
public final class ItemSize {
  /** DynamoDB's maximum item size, 400 KB. */
  public static final long MAX_BYTES = 400 * 1024;

  private ItemSize() {}

  public static long of(Item item) {
    return of(item.getAttributesMap());
  }

  public static long of(Map<String, AttributeValue> attributes) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
      size += utf8(e.getKey()) + value(e.getValue());
    }
    return size;
  }

  static long value(AttributeValue v) {
    switch (v.getValueCase()) {
      case S:
        return utf8(v.getS());
      case N:
        return number(v.getN());
      case B:
        return v.getB().size();
      case BOOL:
      case NULL:
        return 1;
      case SS:
        return v.getSs().getValuesList().stream().mapToLong(ItemSize::utf8).sum();
      case NS:
        return v.getNs().getValuesList().stream().mapToLong(ItemSize::number).sum();
      case BS:
        return v.getBs().getValuesList().stream().mapToLong(b -> b.size()).sum();
      case L: {
        long size = 3;
        for (AttributeValue e : v.getL().getValuesList()) {
          size += 1 + value(e);
        }
        return size;
      }
      case M: {
        long size = 3;
        for (Map.Entry<String, AttributeValue> e : v.getM().getValuesMap().entrySet()) {
          size += 1 + utf8(e.getKey()) + value(e.getValue());
        }
        return size;
      }
      default:
        return 0;
    }
  }

  static long number(String text) {
    BigDecimal n = DynamoNumber.parse(text);
    if (n.signum() == 0) {
      return 1;
    }
    int digits = n.stripTrailingZeros().unscaledValue().abs().toString().length();
    return (digits + 1) / 2 + 1;
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
