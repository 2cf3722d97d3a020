package io.shoal.benchmarks.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.benchmarks.SampleItems;
import org.junit.jupiter.api.Test;

class PutItemDecodeBenchmarkTest {
  @Test
  void decodesTheItemThatWasEncoded() throws Exception {
    PutItemDecodeBenchmark b = new PutItemDecodeBenchmark();
    b.setup();
    assertThat(b.bodies[0].length).as("request body bytes").isBetween(1200, 2400);
    assertThat(b.bodyToItem()).isEqualTo(SampleItems.item(0));
    assertThat(b.treeToItem()).isEqualTo(SampleItems.item(1));
    assertThat(b.treeToItem().getAttributesCount()).isEqualTo(SampleItems.ATTRIBUTE_COUNT);
  }
}
