package io.shoal.router.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.router.error.DynamoException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void numbersAreStoredAsCanonicalText() throws Exception {
    AttributeValue n = AttributeJson.readValue(json("{\"N\": \"0010.50\"}"));
    assertThat(n.getN()).isEqualTo("10.5");
    AttributeValue ns = AttributeJson.readValue(json("{\"NS\": [\"1E2\", \"-0.0\", \"+7\"]}"));
    assertThat(ns.getNs().getValuesList()).containsExactly("100", "0", "7");
  }

  @Test
  void binaryIsDecodedIntoBytes() throws Exception {
    AttributeValue b = AttributeJson.readValue(json("{\"B\": \"AAEC/w==\"}"));
    assertThat(b.getB()).isEqualTo(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}));
  }

  @Test
  void everyTypeRoundTripsThroughProto() throws Exception {
    String text = "{\"s\": {\"S\": \"x\"}, \"n\": {\"N\": \"-3.25\"}, \"b\": {\"B\": \"AQ==\"}, \"t\": {\"BOOL\": true},"
        + " \"z\": {\"NULL\": true}, \"ss\": {\"SS\": [\"p\", \"q\"]}, \"ns\": {\"NS\": [\"2\", \"1\"]},"
        + " \"bs\": {\"BS\": [\"AA==\"]}, \"l\": {\"L\": [{\"N\": \"5\"}, {\"L\": [{\"S\": \"\"}]}]},"
        + " \"m\": {\"M\": {\"k\": {\"M\": {\"kk\": {\"BOOL\": false}}}}}}";
    JsonNode original = json(text);
    AttributeJson.checkMapShape(original);
    Item item = AttributeJson.readItem(original);
    assertThat(item.getAttributesMap()).hasSize(10);
    assertThat(AttributeJson.itemToJson(item)).isEqualTo(original);
    // And once more from the protobuf bytes, as the cluster would hand it back.
    Item reparsed = Item.parseFrom(item.toByteArray());
    assertThat(AttributeJson.itemToJson(reparsed)).isEqualTo(original);
  }

  @Test
  void validationErrorsCarryDynamoDbsTexts() {
    List<String[]> cases = List.of(
        new String[] {"{}", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
        new String[] {"{\"S\": \"a\", \"BOOL\": true}",
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"},
        new String[] {"{\"SS\": [\"a\", \"b\", \"a\"]}",
            "One or more parameter values were invalid: Input collection [a, b, a] contains duplicates."});
    for (String[] c : cases) {
      assertThatThrownBy(() -> AttributeJson.readValue(json(c[0])))
          .as(c[0])
          .isInstanceOfSatisfying(DynamoException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(c[1]);
            assertThat(e.code()).isEqualTo("ValidationException");
            assertThat(e.status()).isEqualTo(400);
          });
    }
  }

  /** firstNonBase64 replaced the regex [^a-zA-Z0-9+/=] with find(); it must report the same character. */
  @Test
  void firstNonBase64AgreesWithTheRegexItReplaced() {
    java.util.regex.Pattern regex = java.util.regex.Pattern.compile("[^a-zA-Z0-9+/=]");
    List<String> texts = List.of("", "AAEC/w==", "a*bc", "ab=c", "abc!", " abc", "ab\u00e9c", "a\ud83d\ude00b",
        "ab\ud83dc", "\ude00abc", "az-_", "AZ09+/==", "abc\n");
    for (String t : texts) {
      java.util.regex.Matcher m = regex.matcher(t);
      assertThat(AttributeJson.firstNonBase64(t)).as("\"%s\"", t).isEqualTo(m.find() ? m.group() : null);
    }
    assertThatThrownBy(() -> AttributeJson.readValue(json("{\"B\": \"a\u00e9bc\"}")))
        .hasMessage("Invalid Base64 character: '\u00e9'");
  }

  @Test
  void shapeErrorsAreSerializationExceptions() {
    assertThatThrownBy(() -> AttributeJson.checkValueShape(json("{\"L\": [{\"S\": 1}]}")))
        .isInstanceOfSatisfying(DynamoException.class, e -> {
          assertThat(e.code()).isEqualTo("SerializationException");
          assertThat(e.messageKey()).isEqualTo("Message");
          assertThat(e.getMessage()).isEqualTo("NUMBER_VALUE cannot be converted to String");
        });
  }

  @Test
  void nestingLimitCountsTheItemAsLevelOne() throws Exception {
    String inner = "{\"S\": \"leaf\"}";
    for (int i = 0; i < 31; i++) {
      inner = "{\"L\": [" + inner + "]}";
    }
    // "a" is a list at level 2; 30 more lists reach level 32, the deepest allowed.
    assertThat(AttributeJson.readAttributeMap(json("{\"a\": " + inner + "}"))).containsKey("a");
    String tooDeep = "{\"a\": {\"L\": [" + inner + "]}}";
    assertThatThrownBy(() -> AttributeJson.readAttributeMap(json(tooDeep)))
        .hasMessageStartingWith("Nesting Levels have exceeded supported limits");
  }
}
