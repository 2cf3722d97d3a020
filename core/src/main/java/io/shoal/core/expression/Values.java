package io.shoal.core.expression;

import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Type names, equality, ordering and size of attribute values, with DynamoDB's rules. */
final class Values {
  private Values() {}

  /** DynamoDB's type descriptor: S, N, B, BOOL, NULL, SS, NS, BS, L, M; null when unset. */
  static String type(AttributeValue v) {
    switch (v.getValueCase()) {
      case S: return "S";
      case N: return "N";
      case B: return "B";
      case BOOL: return "BOOL";
      case NULL: return "NULL";
      case SS: return "SS";
      case NS: return "NS";
      case BS: return "BS";
      case L: return "L";
      case M: return "M";
      default: return null;
    }
  }

  static BigDecimal number(AttributeValue v) {
    return new BigDecimal(v.getN());
  }

  static AttributeValue number(BigDecimal d) {
    return AttributeValue.newBuilder()
        .setN(io.shoal.core.number.DynamoNumber.canonical(d))
        .build();
  }

  /** Deep equality: numbers numerically, sets ignoring order, lists in order, maps by key. */
  static boolean equal(AttributeValue a, AttributeValue b) {
    if (a.getValueCase() != b.getValueCase()) {
      return false;
    }
    switch (a.getValueCase()) {
      case N:
        return number(a).compareTo(number(b)) == 0;
      case SS:
        return new HashSet<>(a.getSs().getValuesList()).equals(new HashSet<>(b.getSs().getValuesList()));
      case NS:
        return numberSet(a.getNs().getValuesList()).equals(numberSet(b.getNs().getValuesList()));
      case BS:
        return new HashSet<>(a.getBs().getValuesList()).equals(new HashSet<>(b.getBs().getValuesList()));
      case L: {
        List<AttributeValue> x = a.getL().getValuesList();
        List<AttributeValue> y = b.getL().getValuesList();
        if (x.size() != y.size()) {
          return false;
        }
        for (int i = 0; i < x.size(); i++) {
          if (!equal(x.get(i), y.get(i))) {
            return false;
          }
        }
        return true;
      }
      case M: {
        Map<String, AttributeValue> x = a.getM().getValuesMap();
        Map<String, AttributeValue> y = b.getM().getValuesMap();
        if (!x.keySet().equals(y.keySet())) {
          return false;
        }
        for (Map.Entry<String, AttributeValue> e : x.entrySet()) {
          if (!equal(e.getValue(), y.get(e.getKey()))) {
            return false;
          }
        }
        return true;
      }
      default:
        return a.equals(b);
    }
  }

  static Set<BigDecimal> numberSet(List<String> texts) {
    Set<BigDecimal> out = new HashSet<>();
    for (String t : texts) {
      out.add(new BigDecimal(t).stripTrailingZeros());
    }
    return out;
  }

  /** Whether a and b can be ordered: both S, both N or both B. */
  static boolean orderable(AttributeValue a, AttributeValue b) {
    return a.getValueCase() == b.getValueCase()
        && (a.hasS() || a.hasN() || a.hasB());
  }

  /** Order of two orderable values: S by code point, N numerically, B as unsigned bytes. */
  static int compare(AttributeValue a, AttributeValue b) {
    if (a.hasN()) {
      return number(a).compareTo(number(b));
    }
    if (a.hasB()) {
      return ByteString.unsignedLexicographicalComparator().compare(a.getB(), b.getB());
    }
    return compareCodePoints(a.getS(), b.getS());
  }

  // DynamoDB orders strings by their UTF-8 bytes, which is code-point order, not UTF-16 order.
  private static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int cx = x.codePointAt(i);
      int cy = y.codePointAt(j);
      if (cx != cy) {
        return Integer.compare(cx, cy);
      }
      i += Character.charCount(cx);
      j += Character.charCount(cy);
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }

  /**
   * size(): UTF-8 byte length for S (DynamoDB measures strings in bytes, as for item size), bytes for
   * B, element count for sets, L and M; null for types size() does not apply to.
   */
  static Integer size(AttributeValue v) {
    switch (v.getValueCase()) {
      case S: return v.getS().getBytes(StandardCharsets.UTF_8).length;
      case B: return v.getB().size();
      case SS: return v.getSs().getValuesCount();
      case NS: return v.getNs().getValuesCount();
      case BS: return v.getBs().getValuesCount();
      case L: return v.getL().getValuesCount();
      case M: return v.getM().getValuesCount();
      default: return null;
    }
  }

  /** "{S:abc}" as dynalite renders values in BETWEEN messages; binary as base64. */
  static String render(AttributeValue v) {
    String t = type(v);
    String body;
    if (v.hasS()) {
      body = v.getS();
    } else if (v.hasN()) {
      body = v.getN();
    } else if (v.hasB()) {
      body = Base64.getEncoder().encodeToString(v.getB().toByteArray());
    } else {
      body = v.toString().trim();
    }
    return "{" + t + ":" + body + "}";
  }
}
