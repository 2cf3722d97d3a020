package io.shoal.benchmarks.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.benchmarks.SampleItems;
import io.shoal.proto.Item;
import org.junit.jupiter.api.Test;

class UpdateExpressionBenchmarkTest {
  @Test
  void parsesAndAppliesTheUpdate() {
    UpdateExpressionBenchmark b = new UpdateExpressionBenchmark();
    b.setup();

    assertThat(b.parseCached().toString()).isEqualTo(b.resolved.toString());
    assertThat(b.parseUncached().toString()).isEqualTo(b.resolved.toString());
    assertThat(b.parseCached().updatedAttributes())
        .containsExactlyInAnyOrder("visits", "updated", "address", "prefs", "roles");

    Item before = SampleItems.item(0);
    Item after = b.apply();
    long visits = Long.parseLong(before.getAttributesOrThrow("visits").getN());
    assertThat(after.getAttributesOrThrow("visits").getN()).isEqualTo(Long.toString(visits + 1));
    assertThat(after.getAttributesOrThrow("address").getM().getValuesOrThrow("city").getS()).isEqualTo("Porto");
    assertThat(after.getAttributesOrThrow("roles").getSs().getValuesList()).contains("support");
    assertThat(after.getAttributesCount()).isEqualTo(SampleItems.ATTRIBUTE_COUNT + 1); // "updated" is new
  }
}
