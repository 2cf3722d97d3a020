package io.shoal.router.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.BinarySet;
import io.shoal.proto.Item;
import io.shoal.proto.StringSet;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed item must be byte for byte what the Jackson tree of {@link AttributeJson#itemToJson} writes. */
class ItemJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] PIECES = {"a", "pk", "é€", "😀", "名前", "\"", "\\", "\n", "\t", "\u0000", "\u001f",
      "\u007f", "\u2028", "/", "<", " ", "x".repeat(40), "ascii text of some length "};

  @Test
  void writesWhatTheTreeWritesForRandomItems() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 3_000; i++) {
      Item item = item(random, 0);
      // Bytes, as the router serializes responses; and a String, which Jackson writes through a Writer instead.
      assertThat(new String(MAPPER.writeValueAsBytes(ItemJson.node(item)), StandardCharsets.UTF_8))
          .isEqualTo(new String(MAPPER.writeValueAsBytes(AttributeJson.itemToJson(item)), StandardCharsets.UTF_8));
      assertThat(MAPPER.writeValueAsString(ItemJson.node(item)))
          .isEqualTo(MAPPER.writeValueAsString(AttributeJson.itemToJson(item)));
    }
  }

  @Test
  void writesLongStringsThatNeedEscapingAndThatDoNot() throws Exception {
    for (String s : new String[] {"q".repeat(100), "q".repeat(100) + "\"", "\u0001" + "q".repeat(100),
        "é".repeat(50), "😀".repeat(30) + "\\", "line\n".repeat(20), ""}) {
      Item item = Item.newBuilder().putAttributes("s", AttributeValue.newBuilder().setS(s).build()).build();
      String streamed = new String(MAPPER.writeValueAsBytes(ItemJson.node(item)), StandardCharsets.UTF_8);
      assertThat(streamed)
          .isEqualTo(new String(MAPPER.writeValueAsBytes(AttributeJson.itemToJson(item)), StandardCharsets.UTF_8));
      assertThat(MAPPER.readTree(streamed).get("s").get("S").asText()).isEqualTo(s);
    }
  }

  @Test
  void sitsInAResponseTreeLikeAnyNode() throws Exception {
    Item item = Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS("k").build()).build();
    ObjectNode streamed = JsonNodeFactory.instance.objectNode();
    streamed.putArray("Items").add(ItemJson.node(item)).add(ItemJson.node(item));
    streamed.put("Count", 2);
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.putArray("Items").add(AttributeJson.itemToJson(item)).add(AttributeJson.itemToJson(item));
    tree.put("Count", 2);
    assertThat(MAPPER.writeValueAsBytes(streamed)).isEqualTo(MAPPER.writeValueAsBytes(tree));
  }

  private static Item item(Random random, int depth) {
    Item.Builder b = Item.newBuilder();
    for (int i = random.nextInt(5); i >= 0; i--) {
      b.putAttributes(text(random) + i, value(random, depth));
    }
    return b.build();
  }

  private static AttributeValue value(Random random, int depth) {
    AttributeValue.Builder v = AttributeValue.newBuilder();
    switch (random.nextInt(depth >= 3 ? 8 : 10)) {
      case 0 -> v.setS(text(random));
      case 1 -> v.setN(String.valueOf(random.nextInt(2000) - 1000));
      case 2 -> v.setB(bytes(random));
      case 3 -> v.setBool(random.nextBoolean());
      case 4 -> v.setNull(true);
      case 5 -> {
        StringSet.Builder ss = StringSet.newBuilder();
        for (int i = random.nextInt(3); i >= 0; i--) {
          ss.addValues(text(random) + i);
        }
        v.setSs(ss);
      }
      case 6 -> v.setNs(StringSet.newBuilder().addValues("1").addValues("-2.5").addValues("1E+20"));
      case 7 -> {
        BinarySet.Builder bs = BinarySet.newBuilder();
        for (int i = random.nextInt(3); i >= 0; i--) {
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
      default -> v.setM(AttributeMap.newBuilder().putAllValues(item(random, depth + 1).getAttributesMap()));
    }
    return v.build();
  }

  /** One to a dozen pieces, so both the short and the long string paths see every kind of character. */
  private static String text(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(12); i >= 0; i--) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  private static ByteString bytes(Random random) {
    byte[] b = new byte[random.nextInt(30)];
    random.nextBytes(b);
    return ByteString.copyFrom(b);
  }
}
