package io.shoal.benchmarks.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.benchmarks.SampleItems;
import io.shoal.proto.Item;
import org.junit.jupiter.api.Test;

class ConditionExpressionBenchmarkTest {
  @Test
  void parsesAndEvaluatesTrueOnTheSampleItems() {
    ConditionExpressionBenchmark b = new ConditionExpressionBenchmark();
    b.setup();

    assertThat(b.parseCached().toString()).isEqualTo(b.resolved.toString());
    assertThat(b.parseUncached().toString()).isEqualTo(b.resolved.toString());
    assertThat(b.evaluate()).isTrue();
    assertThat(b.parseCachedAndEvaluate()).isTrue();
    // The condition can be false: it is really evaluated.
    Item suspended = SampleItems.item(0).toBuilder().putAttributes("status", SampleItems.s("suspended")).build();
    assertThat(b.resolved.evaluate(suspended)).isFalse();
  }
}
