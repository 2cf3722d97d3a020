package io.shoal.node.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.TrimChangeLogCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which change-log records a trim may delete: below the bound, never a record a GSI that may be live needs. */
class ChangeLogRetentionTest {
  static TrimChangeLogCommand trim(long below, long idsBelow, Long... live) {
    return TrimChangeLogCommand.newBuilder().setBelowSeq(below).setIdsBelow(idsBelow).addAllLiveIndexIds(List.of(live))
        .build();
  }

  static IndexApply.Progress shipped(long seq) {
    return new IndexApply.Progress(true, seq);
  }

  static IndexApply.Progress backfillFrom(long seq) {
    return new IndexApply.Progress(false, seq);
  }

  @Test
  void withoutGsisEverythingUpToTheBoundGoes() {
    assertThat(ChangeLogRetention.firstKept(trim(101, 50), 100, Map.of())).isEqualTo(101);
    assertThat(ChangeLogRetention.firstKept(trim(40, 50), 100, Map.of())).isEqualTo(40);
  }

  @Test
  void neverPastTheLastRecordWhateverTheBound() {
    assertThat(ChangeLogRetention.firstKept(trim(Long.MAX_VALUE, 50), 100, Map.of())).isEqualTo(101);
  }

  @Test
  void aLiveGsiKeepsEverythingAfterItsPosition() {
    assertThat(ChangeLogRetention.firstKept(trim(101, 50, 7L), 100, Map.of(7L, shipped(60)))).isEqualTo(61);
    assertThat(ChangeLogRetention.firstKept(trim(101, 50, 7L), 100, Map.of(7L, backfillFrom(30)))).isEqualTo(31);
  }

  @Test
  void theSlowestLiveGsiDecides() {
    Map<Long, IndexApply.Progress> p = Map.of(7L, shipped(90), 8L, shipped(20), 9L, backfillFrom(55));
    assertThat(ChangeLogRetention.firstKept(trim(101, 50, 7L, 8L, 9L), 100, p)).isEqualTo(21);
  }

  @Test
  void aDeletedGsiNoLongerHoldsTheLog() {
    // Id 8 is below the proposer's id counter and not listed: its index was deleted.
    Map<Long, IndexApply.Progress> p = Map.of(7L, shipped(90), 8L, shipped(20));
    assertThat(ChangeLogRetention.firstKept(trim(101, 50, 7L), 100, p)).isEqualTo(91);
  }

  @Test
  void aGsiNewerThanTheProposersCatalogStillCounts() {
    // Id 60 was created after the proposer's listing (counter 50): not listed, yet it holds the log.
    Map<Long, IndexApply.Progress> p = Map.of(7L, shipped(90), 60L, backfillFrom(40));
    assertThat(ChangeLogRetention.firstKept(trim(101, 50, 7L), 100, p)).isEqualTo(41);
  }

  @Test
  void aProposerThatHasNotHeardFromTheCatalogYetDeletesNothingAGsiNeeds() {
    Map<Long, IndexApply.Progress> p = Map.of(7L, shipped(90), 8L, shipped(20));
    assertThat(ChangeLogRetention.firstKept(trim(101, 0), 100, p)).isEqualTo(21);
  }
}
