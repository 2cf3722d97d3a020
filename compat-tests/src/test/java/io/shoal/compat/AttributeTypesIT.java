package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Attribute types, numbers, nesting, sets and empty values (DynamoDB developer guide "Data types"). */
class AttributeTypesIT extends CompatBase {
  static String table;
  static String binTable;
  static String composite;

  @BeforeAll
  static void tables() {
    table = createHashTable("types", ScalarAttributeType.S);
    binTable = createHashTable("types-b", ScalarAttributeType.B);
    composite = createCompositeTable("types-c", ScalarAttributeType.S, ScalarAttributeType.S);
  }

  static void put(Map<String, AttributeValue> item) {
    ddb.putItem(p -> p.tableName(table).item(item));
  }

  @Test
  void everyTypeRoundTrips() {
    put(item("pk", s("all"), "s", s("héllo"), "n", n("-12.5"), "b", b((byte) 0, (byte) 255),
        "t", bool(true), "f", bool(false), "z", nul(), "ss", ss("x", "y"), "ns", ns("1", "2.5"),
        "bs", bs(new byte[] {1}, new byte[] {2, 3}), "l", l(s("a"), n(1), l(), m()),
        "m", m("inner", m("deep", s("v")), "list", l(bool(false)))));
    Map<String, AttributeValue> got = get(table, item("pk", s("all")));
    assertThat(got.get("s")).isEqualTo(s("héllo"));
    assertThat(got.get("n")).isEqualTo(n("-12.5"));
    assertThat(got.get("b").b().asByteArray()).containsExactly(0, 255);
    assertThat(got.get("t")).isEqualTo(bool(true));
    assertThat(got.get("f")).isEqualTo(bool(false));
    assertThat(got.get("z")).isEqualTo(nul());
    assertThat(got.get("ss").ss()).containsExactlyInAnyOrder("x", "y");
    assertThat(got.get("ns").ns()).containsExactlyInAnyOrder("1", "2.5");
    assertThat(got.get("bs").bs()).containsExactlyInAnyOrder(SdkBytes.fromByteArray(new byte[] {1}),
        SdkBytes.fromByteArray(new byte[] {2, 3}));
    assertThat(got.get("l")).isEqualTo(l(s("a"), n(1), l(), m()));
    assertThat(got.get("m")).isEqualTo(m("inner", m("deep", s("v")), "list", l(bool(false))));
    assertThat(got).hasSize(12);
  }

  @ParameterizedTest(name = "{0} is stored as {1}")
  @CsvSource({
      "2020.50, 2020.5", "1E2, 100", "0001, 1", "1.0e-3, 0.001", "-5.00, -5", "0.0, 0",
      "12345678901234567890123456789012345678, 12345678901234567890123456789012345678",
      "0.12345678901234567890123456789012345678, 0.12345678901234567890123456789012345678",
      "-1234567890123456789012345678901234567.8, -1234567890123456789012345678901234567.8",
      "1.5E+3, 1500"})
  void numbersComeBackInCanonicalForm(String written, String read) {
    put(item("pk", s("num-" + written), "v", n(written), "set", ns(written)));
    Map<String, AttributeValue> got = get(table, item("pk", s("num-" + written)));
    assertThat(got.get("v").n()).isEqualTo(read);
    assertThat(got.get("set").ns()).containsExactly(read);
  }

  @ParameterizedTest(name = "N {0}")
  @CsvSource(delimiter = '|', value = {
      "123456789012345678901234567890123456789 | Attempting to store more than 38 significant digits in a Number",
      "1e126 | Number overflow. Attempting to store a number with magnitude larger than supported range",
      "-1e126 | Number overflow. Attempting to store a number with magnitude larger than supported range",
      "1e-131 | Number underflow. Attempting to store a number with magnitude smaller than supported range",
      "b | The parameter cannot be converted to a numeric value: b"})
  void badNumbersAreRejected(String number, String message) {
    expectValidation(() -> put(item("pk", s("badnum"), "v", n(number))), message);
  }

  @Test
  void emptyNumberIsRejected() {
    expectValidation(() -> put(item("pk", s("badnum"), "v", n(""))),
        "The parameter cannot be converted to a numeric value");
  }

  static AttributeValue nest(int mapLevels) {
    AttributeValue v = s("leaf");
    for (int i = 0; i < mapLevels; i++) {
      v = m("a", v);
    }
    return v;
  }

  @Test
  void nestingUpToTheLimitIsStored() {
    // The item is level 1; a map inside it is level 2, so 31 nested maps reach level 32.
    put(item("pk", s("deep"), "d", nest(31)));
    assertThat(get(table, item("pk", s("deep"))).get("d")).isEqualTo(nest(31));
  }

  @Test
  @ReferenceDiffers(reason = "does not limit nesting depth")
  void nestingBeyondTheLimitIsRejected() {
    expectValidation(() -> put(item("pk", s("deeper"), "d", nest(32))),
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
  }

  @Test
  void emptySetsAreRejected() {
    expectValidation(() -> put(item("pk", s("e"), "a", ss())),
        "One or more parameter values were invalid: An string set  may not be empty");
    expectValidation(() -> put(item("pk", s("e"), "a", ns())),
        "One or more parameter values were invalid: An number set  may not be empty");
    expectValidation(() -> put(item("pk", s("e"), "a", bs())),
        "One or more parameter values were invalid: Binary sets should not be empty");
    expectValidation(() -> put(item("pk", s("e"), "a", m("x", ss()))),
        "One or more parameter values were invalid: An string set  may not be empty");
  }

  @Test
  void duplicatesInSetsAreRejected() {
    expectValidation(() -> put(item("pk", s("d"), "a", ss("a", "a"))),
        "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
    expectValidation(() -> put(item("pk", s("d"), "a", ns("1", "1.0"))), "Input collection contains duplicates");
    expectValidation(() -> put(item("pk", s("d"), "a", bs(new byte[] {'b'}, new byte[] {'b'}))),
        "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates.");
    assertThat(get(table, item("pk", s("d")))).isNull();
  }

  @Test
  void emptyOrNullValuesAreRejected() {
    expectValidation(() -> put(item("pk", s("x"), "a", AttributeValue.builder().build())),
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    expectValidation(() -> put(item("pk", s("x"), "a", AttributeValue.fromNul(false))),
        "One or more parameter values were invalid: Null attribute value types must have the value of true");
    expectValidation(() -> put(item("pk", s("x"), "a", AttributeValue.builder().s("a").n("1").build())),
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
  }

  @Test
  void emptyStringAndBinaryAreAllowedOutsideKeys() {
    // Since May 2020 DynamoDB accepts empty S and B values for non-key attributes, also nested.
    put(item("pk", s("empty"), "es", s(""), "eb", b(), "l", l(s("")), "m", m("e", s(""))));
    Map<String, AttributeValue> got = get(table, item("pk", s("empty")));
    assertThat(got.get("es")).isEqualTo(s(""));
    assertThat(got.get("eb").b().asByteArray()).isEmpty();
    assertThat(got.get("l")).isEqualTo(l(s("")));
    assertThat(got.get("m")).isEqualTo(m("e", s("")));
  }

  @Test
  @ReferenceDiffers(reason = "says 'One or more parameter values were invalid:' where DynamoDB says 'One or more "
      + "parameter values are not valid.' for empty key values")
  void emptyKeysAreRejected() {
    expectValidation(() -> put(item("pk", s(""))), "One or more parameter values are not valid. "
        + "The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
    expectValidation(() -> ddb.putItem(p -> p.tableName(binTable).item(item("pk", b()))),
        "One or more parameter values are not valid. "
            + "The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk");
    expectValidation(() -> ddb.putItem(p -> p.tableName(composite).item(item("pk", s("a"), "sk", s("")))),
        "One or more parameter values are not valid. "
            + "The AttributeValue for a key attribute cannot contain an empty string value. Key: sk");
    expectValidation(() -> ddb.getItem(g -> g.tableName(table).key(item("pk", s("")))),
        "One or more parameter values are not valid. "
            + "The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  }

  @Test
  void keyTypesMustMatchTheSchema() {
    expectValidation(() -> put(item("pk", n(1))),
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
    expectValidation(() -> put(item("pk", ss("a"))),
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: SS");
    expectValidation(() -> put(item("x", s("a"))),
        "One or more parameter values were invalid: Missing the key pk in the item");
    expectValidation(() -> ddb.getItem(g -> g.tableName(table).key(item("pk", n(1)))),
        "The provided key element does not match the schema");
    expectValidation(() -> ddb.getItem(g -> g.tableName(table).key(item("pk", s("a"), "x", s("b")))),
        "The provided key element does not match the schema");
    expectValidation(() -> ddb.getItem(g -> g.tableName(composite).key(item("pk", s("a")))),
        "The provided key element does not match the schema");
  }
}
