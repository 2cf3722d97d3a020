package io.shoal.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input/output pairs from ScyllaDB's test/alternator/test_number.py (_NORMALIZATION_CASES), a table
 * its authors checked against DynamoDB, plus a few extremes.
 */
class DynamoNumberCanonicalTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "1, 1", "123, 123", "-5, -5", "0, 0", "10, 10", "100, 100", "1000, 1000",
      "007, 7", "001.23, 1.23", "00, 0",
      "+3, 3", "+0, 0", "+1.5, 1.5",
      "1.0, 1", "1.00, 1", "1.10, 1.1", "100.000, 100", "0.0, 0", "0.10, 0.1", "1.50, 1.5",
      "1e3, 1000", "1E3, 1000", "1e+3, 1000", "1E+3, 1000", "5e1, 50", "-3e2, -300",
      "1.5e2, 150", "1.23e4, 12300", "1e2, 100",
      "1e-3, 0.001", "5e-1, 0.5", "123e-2, 1.23", "1.23e-1, 0.123",
      "1.0e3, 1000", "1.00e2, 100", "1.0e-1, 0.1",
      "-0, 0", "-0.0, 0", "0.000, 0",
      "0e5, 0", "0.0e3, 0", "0e-5, 0",
      ".5, 0.5", ".123, 0.123", "-.5, -0.5",
      "1e20, 100000000000000000000", "9.9e10, 99000000000",
      "1e-20, 0.00000000000000000001",
      "3.14159, 3.14159", "-273.15, -273.15", "0.001, 0.001",
  })
  void normalizesLikeDynamoDb(String input, String expected) {
    assertThat(DynamoNumber.normalize(input)).isEqualTo(expected);
  }

  @Test
  void extremesArePlainDigits() {
    assertThat(DynamoNumber.normalize("1e125")).isEqualTo("1" + "0".repeat(125));
    assertThat(DynamoNumber.normalize("-1E-130")).isEqualTo("-0." + "0".repeat(129) + "1");
    assertThat(DynamoNumber.normalize("9.9999999999999999999999999999999999999E+125"))
        .isEqualTo("9".repeat(38) + "0".repeat(88));
  }
}
