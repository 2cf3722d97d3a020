package io.shoal.benchmarks.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.HashRanges;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.ScalarType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyRoutingBenchmarkTest {
  @Test
  void encodesHashesAndRoutesEachKey() {
    KeyRoutingBenchmark b = new KeyRoutingBenchmark();
    b.setup();

    byte[] itemKey = b.itemKey();
    assertThat(KeyCodec.pkOf(itemKey)).isEqualTo("user#000000".getBytes(StandardCharsets.UTF_8));
    assertThat(KeyCodec.decodeSortKey(ScalarType.N, KeyCodec.skOf(itemKey))).isEqualTo(b.sortKeys[0]);

    assertThat(KeyCodec.decodeSortKey(ScalarType.N, b.numberSortKey())).isEqualTo(b.sortKeys[1]);
    assertThat(b.partitionHash()).isEqualTo(b.hashes[2]);

    GroupInfo g = b.groupFor();
    assertThat(HashRanges.contains(g.getHashStart(), g.getHashEnd(), b.hashes[3])).isTrue();
    GroupInfo routed = b.routeKey();
    assertThat(HashRanges.contains(routed.getHashStart(), routed.getHashEnd(), b.hashes[4])).isTrue();
    assertThat(b.router.groups()).hasSize(KeyRoutingBenchmark.GROUPS);
  }
}
