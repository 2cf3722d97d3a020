package io.shoal.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.core.item.ItemSize;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleItemsTest {
  @Test
  void itemsAreAboutOneKilobyteOfMixedTypesAndDiffer() {
    for (int i = 0; i < 64; i++) {
      Item item = SampleItems.item(i);
      assertThat(item.getAttributesCount()).isEqualTo(SampleItems.ATTRIBUTE_COUNT);
      assertThat(ItemSize.of(item)).as("item %d", i).isBetween(900L, 1150L);
    }
    Set<AttributeValue.ValueCase> types = EnumSet.noneOf(AttributeValue.ValueCase.class);
    SampleItems.item(0).getAttributesMap().values().forEach(v -> types.add(v.getValueCase()));
    assertThat(types).contains(AttributeValue.ValueCase.S, AttributeValue.ValueCase.N, AttributeValue.ValueCase.B,
        AttributeValue.ValueCase.BOOL, AttributeValue.ValueCase.SS, AttributeValue.ValueCase.L,
        AttributeValue.ValueCase.M);
    assertThat(SampleItems.item(1)).isEqualTo(SampleItems.item(1)).isNotEqualTo(SampleItems.item(2));
  }
}
