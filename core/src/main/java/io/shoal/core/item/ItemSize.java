package io.shoal.core.item;

import io.shoal.core.number.DynamoNumber;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
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
      case SS: {
        long size = 0;
        for (String e : v.getSs().getValuesList()) {
          size += utf8(e);
        }
        return size;
      }
      case NS: {
        long size = 0;
        for (String e : v.getNs().getValuesList()) {
          size += number(e);
        }
        return size;
      }
      case BS: {
        long size = 0;
        for (com.google.protobuf.ByteString e : v.getBs().getValuesList()) {
          size += e.size();
        }
        return size;
      }
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
    int digits = DynamoNumber.significantDigits(text);
    return digits == 0 ? 1 : (digits + 1) / 2 + 1;
  }

  /**
   * {@code s.getBytes(UTF_8).length}, counted without the copy: this runs for every name and string of an item,
   * on each write and read that reports a size. As in getBytes, an unpaired surrogate counts as one byte ('?').
   */
  static long utf8(String s) {
    long size = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        size += 1;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        size += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        size += 1;
      } else {
        size += 3;
      }
    }
    return size;
  }
}
