package io.shoal.core.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DynamoNumberParseTest {

  private static final String OVERFLOW =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";
  private static final String UNDERFLOW =
      "Number underflow. Attempting to store a number with magnitude smaller than supported range";
  private static final String DIGITS =
      "Attempting to store more than 38 significant digits in a Number";

  @ParameterizedTest
  @ValueSource(strings = {
      "12345678901234567890123456789012345678", // 38 digits
      "-1.2345678901234567890123456789012345678",
      "31415926535897932384626433832795028841e30",
      "1E-130", "-1E-130", "1e-130", "0.1e-129",
      "9.9999999999999999999999999999999999999E+125",
      "-9.9999999999999999999999999999999999999E+125",
      "1e125", "1.0000000000000000000000000000000000000000000000000", // trailing zeros do not count
      "100000000000000000000000000000000000000000000000000", // 1e50, one significant digit
      "0e1000", "0e-99999999999999999999", "-0", "+0.000",
      "3", "-7.1234", "-17e5", "-17.4E37", "+3", ".123", "0001.23", "1e+5", "1.", "1.e2",
  })
  void accepts(String text) {
    assertThat(DynamoNumber.parse(text)).isNotNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "123456789012345678901234567890123456789      | " + DIGITS,
      "-1.23456789012345678901234567890123456789    | " + DIGITS,
      "3.14159265358979323846264338327950288419     | " + DIGITS,
      "314159265358979323846264338327950288419e30   | " + DIGITS,
      "1.00000000000000000000000000000000000001     | " + DIGITS,
      "1e126                                        | " + OVERFLOW,
      "-1e126                                       | " + OVERFLOW,
      "11e125                                       | " + OVERFLOW,
      "10E+125                                      | " + OVERFLOW,
      "1e99999999999999999999999                    | " + OVERFLOW,
      "1e-131                                       | " + UNDERFLOW,
      "-1e-131                                      | " + UNDERFLOW,
      "0.9e-130                                     | " + UNDERFLOW,
      "0.99999999999999999999999999999999999999e-130| " + UNDERFLOW,
      "1e-99999999999999999999999                   | " + UNDERFLOW,
      // magnitude is checked before digit count, as in dynalite
      "1234567890123456789012345678901234567890e200 | " + OVERFLOW,
  })
  void rejectsLimitsWithDynamoMessages(String text, String message) {
    assertThatThrownBy(() -> DynamoNumber.parse(text))
        .isInstanceOf(InvalidNumberException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "abc", "NaN", "Infinity", "-Infinity", "-NaN", "dog", "-dog", " 1", "1 ", "1e", "e5", ".",
      "-", "+", "--1", "1e+", "1.2.3", "0x10", "1_000", "١", "1,5", "+-1", "1e5.5",
  })
  void rejectsMalformedWithTheTextInTheMessage(String text) {
    assertThatThrownBy(() -> DynamoNumber.parse(text))
        .isInstanceOfSatisfying(InvalidNumberException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidNumberException.Kind.MALFORMED))
        .hasMessage("The parameter cannot be converted to a numeric value: " + text);
  }

  @Test
  void emptyTextHasNoSuffix() {
    assertThatThrownBy(() -> DynamoNumber.parse(""))
        .hasMessage("The parameter cannot be converted to a numeric value");
  }

  @Test
  void kindsMatchMessages() {
    assertThatThrownBy(() -> DynamoNumber.parse("1e126"))
        .isInstanceOfSatisfying(InvalidNumberException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidNumberException.Kind.OVERFLOW));
    assertThatThrownBy(() -> DynamoNumber.parse("1e-131"))
        .isInstanceOfSatisfying(InvalidNumberException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidNumberException.Kind.UNDERFLOW));
    assertThatThrownBy(() -> DynamoNumber.parse("1234567890123456789012345678901234567891"))
        .isInstanceOfSatisfying(InvalidNumberException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidNumberException.Kind.TOO_MANY_DIGITS));
  }

  @Test
  void equalNumbersParseToEqualObjects() {
    assertThat(DynamoNumber.parse("1.0")).isEqualTo(DynamoNumber.parse("1e0"));
    assertThat(DynamoNumber.parse("-0.0")).isEqualTo(BigDecimal.ZERO);
    assertThat(DynamoNumber.parse("1000")).isEqualTo(DynamoNumber.parse("+1E+3"));
  }

  @Test
  void validateAppliesTheSameLimitsToComputedValues() {
    assertThat(DynamoNumber.validate(new BigDecimal("2.50"))).isEqualTo(new BigDecimal("2.5"));
    assertThatThrownBy(() -> DynamoNumber.validate(new BigDecimal("9e125").add(new BigDecimal("9e125"))))
        .hasMessage(OVERFLOW);
    assertThatThrownBy(() -> DynamoNumber.validate(new BigDecimal("1e50").subtract(BigDecimal.ONE)))
        .hasMessage(DIGITS);
  }
}
