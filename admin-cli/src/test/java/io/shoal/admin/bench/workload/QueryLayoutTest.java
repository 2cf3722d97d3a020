package io.shoal.admin.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryLayoutTest {
  @Test
  void partitionsHold10To100ItemsAndCoverEveryRecordOnce() {
    QueryLayout l = QueryLayout.of(10_000, 1);
    assertThat(l.items()).isEqualTo(10_000);
    int sum = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int p = 0; p < l.partitions(); p++) {
      int size = l.size(p);
      sum += size;
      if (p < l.partitions() - 1) { // the last takes what is left
        min = Math.min(min, size);
        max = Math.max(max, size);
      }
    }
    assertThat(sum).isEqualTo(10_000);
    assertThat(min).isGreaterThanOrEqualTo(QueryLayout.MIN_PARTITION).isLessThan(20);
    assertThat(max).isLessThanOrEqualTo(QueryLayout.MAX_PARTITION).isGreaterThan(90);
    assertThat(l.partitions()).isBetween(10_000 / 70, 10_000 / 45);
  }

  @Test
  void itemsMapToConsecutiveSortKeysWithinTheirPartition() {
    QueryLayout l = QueryLayout.of(1000, 5);
    int expectedPartition = 0;
    int expectedSortKey = 0;
    for (int i = 0; i < 1000; i++) {
      if (expectedSortKey == l.size(expectedPartition)) {
        expectedPartition++;
        expectedSortKey = 0;
      }
      assertThat(l.partitionOf(i)).as("item " + i).isEqualTo(expectedPartition);
      assertThat(l.sortKeyOf(i)).as("item " + i).isEqualTo(expectedSortKey);
      expectedSortKey++;
    }
  }

  @Test
  void theLayoutDependsOnlyOnRecordsAndSeed() {
    assertThat(QueryLayout.of(5000, 9).partitions()).isEqualTo(QueryLayout.of(5000, 9).partitions());
    assertThat(QueryLayout.of(5000, 9).size(0)).isEqualTo(QueryLayout.of(5000, 9).size(0));
  }
}
