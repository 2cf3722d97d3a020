package io.shoal.benchmarks.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.core.index.IndexKeys;
import io.shoal.core.key.KeyCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndexKeysBenchmarkTest {
  @Test
  void derivesBaseAndEntryKeysAndBounds() {
    IndexKeysBenchmark b = new IndexKeysBenchmark();
    b.setup();

    assertThat(KeyCodec.pkOf(b.baseItemKey())).isEqualTo("user#000000".getBytes(StandardCharsets.UTF_8));

    byte[] entry = b.entryKey();
    assertThat(entry).isNotNull();
    String email = b.items[1].getAttributesOrThrow("email").getS();
    assertThat(KeyCodec.pkOf(entry)).isEqualTo(email.getBytes(StandardCharsets.UTF_8));
    byte[] sortPart = KeyCodec.skOf(entry);
    byte[] base = b.baseKeys[1];
    assertThat(Arrays.copyOfRange(sortPart, sortPart.length - base.length, sortPart.length)).isEqualTo(base);

    IndexKeys.Bounds bounds = b.sortBoundsBetween();
    assertThat(bounds.lowerInclusive()).isTrue();
    assertThat(Arrays.compareUnsigned(bounds.lower(), bounds.upper())).isNegative();
  }
}
