package io.shoal.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Examples from the developer guide ("DynamoDB read and write operations") and their boundaries. */
class CapacityUnitsTest {
  @Test
  void readsRoundUpToFourKilobytes() {
    assertThat(CapacityUnits.read(3_500, true)).isEqualTo(1.0); // "reading a 3,500-byte item ... same as 4 KB"
    assertThat(CapacityUnits.read(4096, true)).isEqualTo(1.0);
    assertThat(CapacityUnits.read(4097, true)).isEqualTo(2.0);
    assertThat(CapacityUnits.read(10 * 1024, true)).isEqualTo(3.0); // "10 KB item ... rounded up to 12 KB"
  }

  @Test
  void eventuallyConsistentReadsCostHalf() {
    assertThat(CapacityUnits.read(8 * 1024, false)).isEqualTo(1.0); // "8 KB ... eventually consistent: 1 unit"
    assertThat(CapacityUnits.read(100, false)).isEqualTo(0.5);
    assertThat(CapacityUnits.read(9 * 1024, false)).isEqualTo(1.5);
  }

  @Test
  void anAbsentItemOrEmptyPageStillCostsTheMinimum() {
    assertThat(CapacityUnits.read(0, true)).isEqualTo(1.0);
    assertThat(CapacityUnits.read(0, false)).isEqualTo(0.5);
    assertThat(CapacityUnits.write(0, 0)).isEqualTo(1.0);
  }

  @Test
  void writesAreChargedOnTheLargerImagePerKilobyte() {
    assertThat(CapacityUnits.write(0, 1024)).isEqualTo(1.0);
    assertThat(CapacityUnits.write(0, 1025)).isEqualTo(2.0);
    assertThat(CapacityUnits.write(5000, 100)).isEqualTo(5.0); // shrinking an item costs its old size
    assertThat(CapacityUnits.write(100, 2048)).isEqualTo(2.0);
    assertThat(CapacityUnits.write(400 * 1024, 0)).isEqualTo(400.0);
  }
}
