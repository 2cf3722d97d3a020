package io.shoal.node.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.GroupLeader;
import io.shoal.proto.TableInfo;
import io.shoal.proto.TableTotals;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableStatsBoardTest {
  static GroupLeader leader(int group, long term) {
    return GroupLeader.newBuilder().setGroupId(group).setNodeId("n").setTerm(term).build();
  }

  static TableTotals totals(int group, long table, long items, long bytes) {
    return TableTotals.newBuilder().setGroupId(group).setTableId(table).setItemCount(items).setSizeBytes(bytes)
        .build();
  }

  @Test
  void sumsTheLatestReportOfEachGroupAndIgnoresOlderTerms() {
    TableStatsBoard b = new TableStatsBoard();
    TableInfo t = TableInfo.newBuilder().setName("t").setId(7).build();
    assertThat(b.withTotals(t).getItemCount()).as("nothing reported yet").isZero();
    b.report(List.of(leader(1, 2), leader(2, 2)), List.of(totals(1, 7, 10, 100), totals(2, 7, 5, 50),
        totals(2, 8, 1, 1)));
    assertThat(b.withTotals(t).getItemCount()).isEqualTo(15);
    assertThat(b.withTotals(t).getSizeBytes()).isEqualTo(150);
    // Group 1 shrinks under a newer leader; a stale report from the old leader's term changes nothing.
    b.report(List.of(leader(1, 3)), List.of(totals(1, 7, 4, 40)));
    b.report(List.of(leader(1, 2)), List.of(totals(1, 7, 999, 999)));
    assertThat(b.withTotals(t).getItemCount()).isEqualTo(9);
    // Totals for a group the node does not claim to lead are ignored.
    b.report(List.of(), List.of(totals(2, 7, 1000, 1000)));
    assertThat(b.withTotals(t).getSizeBytes()).isEqualTo(90);
  }
}
