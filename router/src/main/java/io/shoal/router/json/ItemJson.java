package io.shoal.router.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;
import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * An item in a response, written straight from the protobuf model into the response's JSON when the response is
 * serialized. Read responses carry many items (a Query page of 20 1 KB items allocated about 290 KB as a Jackson
 * tree); this writes the same bytes as {@link AttributeJson#itemToJson} would without building the tree, and
 * writes long plain ASCII strings (the common case) as a byte copy instead of character by character.
 */
public final class ItemJson implements JsonSerializable {
  /** Below this length a string goes through Jackson's own writer; above it the byte scan pays for the copy. */
  private static final int BYTE_PATH_MIN_LENGTH = 32;

  private final Map<String, AttributeValue> attributes;

  private ItemJson(Map<String, AttributeValue> attributes) {
    this.attributes = attributes;
  }

  /** A node for a response tree that serializes as {@code AttributeJson.itemToJson(item)} would. */
  public static JsonNode node(Item item) {
    return new POJONode(new ItemJson(item.getAttributesMap()));
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    writeMap(gen, attributes);
  }

  @Override
  public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
      throws IOException {
    serialize(gen, serializers);
  }

  private static void writeMap(JsonGenerator gen, Map<String, AttributeValue> attributes) throws IOException {
    gen.writeStartObject();
    for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
      gen.writeFieldName(e.getKey());
      writeValue(gen, e.getValue());
    }
    gen.writeEndObject();
  }

  private static void writeValue(JsonGenerator gen, AttributeValue v) throws IOException {
    gen.writeStartObject();
    switch (v.getValueCase()) {
      case S -> {
        gen.writeFieldName("S");
        writeText(gen, v.getS());
      }
      case N -> gen.writeStringField("N", v.getN());
      case B -> gen.writeStringField("B", base64(v.getB()));
      case BOOL -> gen.writeBooleanField("BOOL", v.getBool());
      case NULL -> gen.writeBooleanField("NULL", true);
      case SS -> {
        gen.writeArrayFieldStart("SS");
        for (String s : v.getSs().getValuesList()) {
          writeText(gen, s);
        }
        gen.writeEndArray();
      }
      case NS -> {
        gen.writeArrayFieldStart("NS");
        for (String n : v.getNs().getValuesList()) {
          gen.writeString(n);
        }
        gen.writeEndArray();
      }
      case BS -> {
        gen.writeArrayFieldStart("BS");
        for (ByteString b : v.getBs().getValuesList()) {
          gen.writeString(base64(b));
        }
        gen.writeEndArray();
      }
      case L -> {
        gen.writeArrayFieldStart("L");
        for (AttributeValue element : v.getL().getValuesList()) {
          writeValue(gen, element);
        }
        gen.writeEndArray();
      }
      case M -> {
        gen.writeFieldName("M");
        writeMap(gen, v.getM().getValuesMap());
      }
      case VALUE_NOT_SET -> throw new IllegalArgumentException("attribute value without a type");
    }
    gen.writeEndObject();
  }

  private static String base64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /**
   * A JSON string. A long ASCII string without characters JSON escapes is encoded to bytes at once (for such text
   * the JDK only copies) and written raw; any other goes through Jackson's writer, which for example writes a
   * character outside the BMP as an escaped surrogate pair, so the text stays exactly what it was.
   */
  static void writeText(JsonGenerator gen, String s) throws IOException {
    // Only a generator writing bytes takes raw bytes (a Writer-based one, as in writeValueAsString, does not).
    if (s.length() >= BYTE_PATH_MIN_LENGTH && gen instanceof UTF8JsonGenerator) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      if (plainAscii(utf8)) {
        gen.writeRawUTF8String(utf8, 0, utf8.length);
        return;
      }
    }
    gen.writeString(s);
  }

  /** ASCII without a control character, quote or backslash: bytes JSON takes as they are. */
  private static boolean plainAscii(byte[] utf8) {
    for (byte b : utf8) {
      if (b < 0x20 || b == '"' || b == '\\') { // negative: a byte of a multi-byte UTF-8 sequence
        return false;
      }
    }
    return true;
  }
}
