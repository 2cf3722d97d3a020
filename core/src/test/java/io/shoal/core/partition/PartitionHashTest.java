package io.shoal.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionHashTest {

  /**
   * Golden values, computed by an independent Python murmur3_x64_128 (seed 0, first 64-bit word)
   * over 8 big-endian table-id bytes followed by the key bytes. If this fails, the hash changed and
   * every stored item would be owned by the wrong group: do not update the values, revert the change.
   */
  @ParameterizedTest
  @CsvSource({
      "1,  user#1,  1929629131530973738",
      "42, '',      8623491988607824794",
      "7,  é𝄞,     -1537918593380665891",
  })
  void goldenValues(long tableId, String key, long expected) {
    assertThat(PartitionHash.hash(tableId, key.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @Test
  void goldenValueForBinaryKey() {
    assertThat(PartitionHash.hash(1, new byte[] {0x03, (byte) 0x81, 0x02, 0x00}))
        .isEqualTo(5548098789606784389L);
  }

  @Test
  void tableIdIsPartOfTheHash() {
    byte[] key = "same".getBytes(StandardCharsets.UTF_8);
    assertThat(PartitionHash.hash(1, key)).isEqualTo(PartitionHash.hash(1, key.clone()));
    assertThat(PartitionHash.hash(1, key)).isNotEqualTo(PartitionHash.hash(2, key));
  }
}
