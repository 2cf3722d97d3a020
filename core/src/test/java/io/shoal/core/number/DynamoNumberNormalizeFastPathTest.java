package io.shoal.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DynamoNumber#normalize} skips the BigDecimal round trip for canonical text; it must not change a result. */
class DynamoNumberNormalizeFastPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "-1", "42", "100", "-273.15", "0.5", "-0.5", "0.001", "1700000000000",
      "3.14159", "99999999999999999999999999999999999999", "0.0000000000000000000000000000000000001"})
  void canonicalTextIsTakenAsIs(String text) {
    assertThat(DynamoNumber.isCanonical(text)).isTrue();
    assertThat(DynamoNumber.canonical(DynamoNumber.parse(text))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "-0", "00", "01", "+1", "1.", ".5", "-.5", "1.0", "1.50", "0.0", "1e3", "1E3",
      "1x", "1 ", " 1", "--1", "1.2.3", "999999999999999999999999999999999999999",
      "1000000000000000000000000000000000000000", "0.00000000000000000000000000000000000001"})
  void anythingElseTakesTheSlowPath(String text) {
    assertThat(DynamoNumber.isCanonical(text)).isFalse();
  }

  @Test
  void nullIsNotCanonical() {
    assertThat(DynamoNumber.isCanonical(null)).isFalse();
  }

  /** Random texts over the number alphabet: the fast path answers exactly as canonical(parse(text)). */
  @Test
  void agreesWithTheRoundTripOnRandomText() {
    long seed = System.nanoTime();
    System.out.println("DynamoNumberNormalizeFastPathTest seed " + seed);
    Random random = new Random(seed);
    String alphabet = "0000111229-.e";
    int canonical = 0;
    for (int n = 0; n < 50_000; n++) {
      String t = RandomNumberText.next(random, alphabet);
      if (DynamoNumber.isCanonical(t)) {
        canonical++;
      }
      String slow;
      try {
        slow = DynamoNumber.canonical(DynamoNumber.parse(t));
      } catch (InvalidNumberException e) {
        slow = "error: " + e.getMessage();
      }
      String fast;
      try {
        fast = DynamoNumber.normalize(t);
      } catch (InvalidNumberException e) {
        fast = "error: " + e.getMessage();
      }
      assertThat(fast).as("normalize(\"%s\"), seed %d", t, seed).isEqualTo(slow);
    }
    assertThat(canonical).as("texts that took the fast path").isGreaterThan(1_000);
  }
}
