package io.shoal.benchmarks.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.benchmarks.SampleItems;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.RangeReadResponse;
import org.junit.jupiter.api.Test;

class RangeReadEncodeBenchmarkTest {
  @Test
  void bothWaysSendTheSameBytesAndTheRouterReadsTheItems() throws Exception {
    RangeReadEncodeBenchmark b = new RangeReadEncodeBenchmark();
    b.setup();
    byte[] encoded = b.encoded();
    assertThat(encoded).isEqualTo(b.decoded());
    RangeReadResponse read = RangeReadResponse.parseFrom(encoded);
    assertThat(read.getItemsCount()).isEqualTo(RangeReadEncodeBenchmark.PAGE_SIZE);
    assertThat(read.getItems(7).getItem()).isEqualTo(SampleItems.item(7));
    long sizes = 0;
    for (int i = 0; i < RangeReadEncodeBenchmark.PAGE_SIZE; i++) {
      sizes += ItemSize.of(SampleItems.item(i));
    }
    assertThat(read.getBytesRead()).isEqualTo(sizes);
  }
}
