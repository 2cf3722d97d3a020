package io.shoal.core.expression;

import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.BinarySet;
import io.shoal.proto.Item;
import io.shoal.proto.StringSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal JSON reader for golden files: DynamoDB JSON ({"S": "x"}) into protobuf values. */
final class DynamoJson {
  private final String s;
  private int i;

  private DynamoJson(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    DynamoJson p = new DynamoJson(text);
    Object v = p.value();
    p.ws();
    if (p.i != text.length()) {
      throw new IllegalArgumentException("trailing JSON at " + p.i + ": " + text);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> names(String text) {
    return (Map<String, String>) parse(text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, AttributeValue> values(String text) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    ((Map<String, Object>) parse(text)).forEach((k, v) -> out.put(k, attr(v)));
    return out;
  }

  static Item item(String text) {
    return Item.newBuilder().putAllAttributes(values(text)).build();
  }

  @SuppressWarnings("unchecked")
  static AttributeValue attr(Object json) {
    Map<String, Object> m = (Map<String, Object>) json;
    if (m.size() != 1) {
      throw new IllegalArgumentException("attribute value needs one type key: " + m);
    }
    Map.Entry<String, Object> e = m.entrySet().iterator().next();
    AttributeValue.Builder b = AttributeValue.newBuilder();
    Object v = e.getValue();
    switch (e.getKey()) {
      case "S" -> b.setS((String) v);
      case "N" -> b.setN((String) v);
      case "B" -> b.setB(ByteString.copyFrom(Base64.getDecoder().decode((String) v)));
      case "BOOL" -> b.setBool((Boolean) v);
      case "NULL" -> b.setNull(true);
      case "SS" -> b.setSs(StringSet.newBuilder().addAllValues((List<String>) v));
      case "NS" -> b.setNs(StringSet.newBuilder().addAllValues((List<String>) v));
      case "BS" -> {
        BinarySet.Builder bs = BinarySet.newBuilder();
        for (Object x : (List<Object>) v) {
          bs.addValues(ByteString.copyFrom(Base64.getDecoder().decode((String) x)));
        }
        b.setBs(bs);
      }
      case "L" -> {
        AttributeList.Builder l = AttributeList.newBuilder();
        for (Object x : (List<Object>) v) {
          l.addValues(attr(x));
        }
        b.setL(l);
      }
      case "M" -> {
        AttributeMap.Builder am = AttributeMap.newBuilder();
        ((Map<String, Object>) v).forEach((k, x) -> am.putValues(k, attr(x)));
        b.setM(am);
      }
      default -> throw new IllegalArgumentException("unknown type " + e.getKey());
    }
    return b.build();
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private Object value() {
    ws();
    char c = s.charAt(i);
    if (c == '{') {
      i++;
      Map<String, Object> m = new LinkedHashMap<>();
      ws();
      if (s.charAt(i) == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        String k = string();
        ws();
        expect(':');
        m.put(k, value());
        ws();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect('}');
          return m;
        }
      }
    }
    if (c == '[') {
      i++;
      List<Object> l = new ArrayList<>();
      ws();
      if (s.charAt(i) == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        ws();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect(']');
          return l;
        }
      }
    }
    if (c == '"') {
      return string();
    }
    if (s.startsWith("true", i)) {
      i += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", i)) {
      i += 5;
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("bad JSON at " + i + ": " + s);
  }

  private void expect(char c) {
    if (s.charAt(i) != c) {
      throw new IllegalArgumentException("expected " + c + " at " + i + ": " + s);
    }
    i++;
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (s.charAt(i) != '"') {
      char c = s.charAt(i++);
      if (c == '\\') {
        char n = s.charAt(i++);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(n);
        }
      } else {
        sb.append(c);
      }
    }
    i++;
    return sb.toString();
  }
}
