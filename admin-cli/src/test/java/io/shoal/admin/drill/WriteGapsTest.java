package io.shoal.admin.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.admin.check.Op;
import io.shoal.admin.check.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteGapsTest {
  private static final long S = 1_000_000_000L;

  private static Op put(long id, String key, long completeNanos, Outcome outcome) {
    return Op.put(id, 0, key, key, completeNanos - 1000, completeNanos, outcome);
  }

  @Test
  void longestGapPerGroupCountsFromTheFaultAndOnlyAcknowledgedSetPuts() {
    // Keys ending in "a" live in group 1, the others in group 2.
    List<Op> history = List.of(
        put(1, "s-0-1a", 9 * S, Outcome.OK),      // before the fault: ignored
        put(2, "s-0-2a", 12 * S, Outcome.OK),     // 2 s after the fault at 10 s
        put(3, "s-0-3a", 13 * S, Outcome.INFO),   // not acknowledged: ignored
        put(4, "s-0-4a", 17 * S, Outcome.OK),     // 5 s gap: the longest in group 1
        put(5, "s-0-5b", 10 * S + S / 2, Outcome.OK),
        put(6, "s-0-6b", 11 * S, Outcome.OK),
        put(7, "r-1", 30 * S, Outcome.OK));      // a register key: not part of the set workload
    Map<Integer, Double> gaps = WriteGaps.after(history, 10 * S, k -> k.endsWith("a") ? 1 : 2);
    assertThat(gaps).containsEntry(1, 5.0).containsEntry(2, 0.5).hasSize(2);
  }
}
