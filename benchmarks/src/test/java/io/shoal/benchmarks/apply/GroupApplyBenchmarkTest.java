package io.shoal.benchmarks.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.benchmarks.SampleItems;
import io.shoal.node.group.ApplyResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupApplyBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocksdb"})
  void appliesPutsUpdatesAndBatches(String engine) throws Exception {
    GroupApplyBenchmark b = new GroupApplyBenchmark();
    b.engine = engine;
    b.commands();
    b.open();
    java.nio.file.Path dir = b.dir;
    assertThat(dir == null).isEqualTo(engine.equals("memory"));
    try {
      assertThat(b.machine.appliedIndex()).isEqualTo(GroupApplyBenchmark.KEYS);

      ApplyResult put = b.putItem();
      assertThat(put.isOk()).as(put.message()).isTrue();
      assertThat(put.newItem()).isEqualTo(SampleItems.item(0));
      assertThat(put.oldItem()).as("the setup wrote every key once").isEqualTo(SampleItems.item(0));

      ApplyResult update = b.conditionalUpdate();
      assertThat(update.isOk()).as(update.message()).isTrue();
      long visits = Long.parseLong(SampleItems.item(1).getAttributesOrThrow("visits").getN());
      assertThat(update.newItem().getAttributesOrThrow("visits").getN()).isEqualTo(Long.toString(visits + 1));

      List<ApplyResult> batch = b.putBatch32();
      assertThat(batch).hasSize(GroupApplyBenchmark.BATCH).allMatch(ApplyResult::isOk);
      assertThat(batch.get(0).newItem()).isEqualTo(SampleItems.item(2));
      assertThat(b.machine.appliedIndex()).isEqualTo(GroupApplyBenchmark.KEYS + 2 + GroupApplyBenchmark.BATCH);
      assertThat(b.machine.lastSeq()).isEqualTo(b.machine.appliedIndex());
    } finally {
      b.close();
    }
    if (dir != null) {
      assertThat(dir).as("the iteration's store is deleted").doesNotExist();
    }
  }
}
