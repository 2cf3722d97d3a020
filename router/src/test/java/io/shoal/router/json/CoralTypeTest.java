package io.shoal.router.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every type family of dynalite 4.0.0's test/helpers.js assertType, with the texts DynamoDB sends today. */
class CoralTypeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String text(CoralType type, String json) throws Exception {
    return type.wrongTypeText(MAPPER.readTree(json));
  }

  @Test
  void scalars() throws Exception {
    assertThat(text(CoralType.STRING, "true")).isEqualTo("TRUE_VALUE cannot be converted to String");
    assertThat(text(CoralType.STRING, "false")).isEqualTo("FALSE_VALUE cannot be converted to String");
    assertThat(text(CoralType.STRING, "2147483648")).isEqualTo("NUMBER_VALUE cannot be converted to String");
    assertThat(text(CoralType.STRING, "34.56")).isEqualTo("DECIMAL_VALUE cannot be converted to String");
    assertThat(text(CoralType.STRING, "[]")).isEqualTo("Unrecognized collection type class java.lang.String");
    assertThat(text(CoralType.STRING, "{}")).isEqualTo("Start of structure or map found where not expected");
    assertThat(text(CoralType.BOOLEAN, "\"23\"")).isEqualTo("Unexpected token received from parser");
    assertThat(text(CoralType.BOOLEAN, "-2147483648")).isEqualTo("NUMBER_VALUE cannot be converted to Boolean");
    assertThat(text(CoralType.BOOLEAN, "34.56")).isEqualTo("DECIMAL_VALUE cannot be converted to Boolean");
    assertThat(text(CoralType.BOOLEAN, "[]")).isEqualTo("Unrecognized collection type class java.lang.Boolean");
    assertThat(text(CoralType.INTEGER, "\"23\"")).isEqualTo("STRING_VALUE cannot be converted to Integer");
    assertThat(text(CoralType.INTEGER, "false")).isEqualTo("FALSE_VALUE cannot be converted to Integer");
    assertThat(text(CoralType.INTEGER, "[]")).isEqualTo("Unrecognized collection type class java.lang.Integer");
    assertThat(text(CoralType.LONG, "true")).isEqualTo("TRUE_VALUE cannot be converted to Long");
    assertThat(text(CoralType.LONG, "[]")).isEqualTo("Unrecognized collection type class java.lang.Long");
    assertThat(text(CoralType.BLOB, "34.56")).isEqualTo("only base-64-encoded strings are convertible to bytes");
    assertThat(text(CoralType.BLOB, "[]")).isEqualTo("Unrecognized collection type class java.nio.ByteBuffer");
  }

  @Test
  void containers() throws Exception {
    String cast = "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class"
        + " java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in"
        + " module java.base of loader 'bootstrap')";
    assertThat(text(CoralType.LIST, "\"23\"")).isEqualTo("Unexpected field type");
    assertThat(text(CoralType.LIST, "{}")).isEqualTo("Start of structure or map found where not expected");
    assertThat(text(CoralType.PARAMETERIZED_LIST, "23")).isEqualTo(cast);
    assertThat(text(CoralType.map("KeysAndAttributes"), "true")).isEqualTo("Unexpected field type");
    assertThat(text(CoralType.map("KeysAndAttributes"), "[]")).isEqualTo(
        "Unrecognized collection type java.util.Map<java.lang.String,"
            + " com.amazonaws.dynamodb.v20120810.KeysAndAttributes>");
    assertThat(text(CoralType.map("java.lang.String"), "[]"))
        .isEqualTo("Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>");
    assertThat(text(CoralType.ATTRIBUTE_MAP_ELEMENT, "34.56")).isEqualTo(cast);
    assertThat(text(CoralType.ATTRIBUTE_MAP_ELEMENT, "[]")).isEqualTo(
        "Unrecognized collection type java.util.Map<java.lang.String,"
            + " com.amazonaws.dynamodb.v20120810.AttributeValue>");
    assertThat(text(CoralType.ATTRIBUTE_VALUE, "\"23\"")).isEqualTo("Unexpected value type in payload");
    assertThat(text(CoralType.ATTRIBUTE_VALUE, "[]"))
        .isEqualTo("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
    assertThat(text(CoralType.fieldStruct("ProvisionedThroughput"), "23")).isEqualTo("Unexpected field type");
    assertThat(text(CoralType.fieldStruct("ProvisionedThroughput"), "[]"))
        .isEqualTo("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.ProvisionedThroughput");
    assertThat(text(CoralType.valueStruct("WriteRequest"), "true")).isEqualTo("Unexpected value type in payload");
  }
}
