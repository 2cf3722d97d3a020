package io.shoal.admin.check;

import static io.shoal.admin.check.Outcome.FAIL;
import static io.shoal.admin.check.Outcome.INFO;
import static io.shoal.admin.check.Outcome.OK;
import static io.shoal.admin.check.Verdict.LINEARIZABLE;
import static io.shoal.admin.check.Verdict.NOT_LINEARIZABLE;
import static io.shoal.admin.check.Verdict.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

  @Test
  void emptyHistoryIsLinearizable() {
    assertThat(H.key("k").check().verdict()).isEqualTo(LINEARIZABLE);
    assertThat(LinearizabilityChecker.register().check(List.of()).verdict()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void sequentialWriteThenRead() {
    KeyResult r = H.key("k").get(0, null, 0, 5).put(0, "a", 10, 20).get(1, "a", 30, 40).check();
    assertThat(r.verdict()).as(r.explanation()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void staleReadAfterAcknowledgedWriteIsCaught() {
    H h = H.key("k").put(0, "a", 0, 10).put(1, "b", 20, 30).get(2, "a", 40, 50);
    KeyResult r = h.check();
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.blocked()).isEqualTo(h.op(2));
    assertThat(r.longestPrefix()).containsExactly(h.op(0), h.op(1));
    assertThat(r.stateAfterPrefix()).isEqualTo("b");
    assertThat(r.explanation()).contains("NOT linearizable", h.op(2).describe(), "leaving the register at b");
  }

  @Test
  void concurrentWritesMayBeObservedInEitherOrder() {
    // Writes of a and b overlap; reads during them may see a then b, or b then a.
    assertThat(H.key("k").put(0, "a", 0, 50).put(1, "b", 0, 50).get(2, "a", 10, 20).get(3, "b", 30, 40)
        .check().verdict()).isEqualTo(LINEARIZABLE);
    assertThat(H.key("k").put(0, "a", 0, 50).put(1, "b", 0, 50).get(2, "b", 10, 20).get(3, "a", 30, 40)
        .check().verdict()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void afterConcurrentWritesCompleteTheWinnerIsFixed() {
    KeyResult r = H.key("k").put(0, "a", 0, 50).put(1, "b", 0, 50).get(2, "a", 60, 70).get(3, "b", 80, 90)
        .check();
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void readOfAValueNeverWrittenIsCaught() {
    KeyResult r = H.key("k").put(0, "a", 0, 10).get(1, "zzz", 5, 30).check();
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.blocked().result()).isEqualTo("zzz");
  }

  @Test
  void lostAcknowledgedWriteIsCaught() {
    KeyResult r = H.key("k").put(0, "a", 0, 10).get(1, null, 20, 30).check();
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void infoWriteThatLaterBecomesVisibleIsLinearizable() {
    // The client gave up at 10; the write landed between the two reads, after the give-up.
    KeyResult r = H.key("k").putInfo(0, "a", 0, 10).get(1, null, 20, 30).get(1, "a", 40, 50).check();
    assertThat(r.verdict()).as(r.explanation()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void infoWriteNeverVisibleIsLinearizableAndIsPrunedBeforeTheSearch() {
    KeyResult r = H.key("k").putInfo(0, "a", 0, 10).get(1, null, 20, 30).get(1, null, 40, 50).check();
    assertThat(r.verdict()).isEqualTo(LINEARIZABLE);
    assertThat(r.opsChecked()).isEqualTo(2);
  }

  @Test
  void infoWriteSeenThenUnseenWithoutAnotherWriteIsCaught() {
    KeyResult r = H.key("k").putInfo(0, "a", 0, 10).get(1, "a", 20, 30).get(1, null, 40, 50).check();
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void infoWriteCannotTakeEffectBeforeItIsInvoked() {
    KeyResult r = H.key("k").get(1, "a", 0, 10).putInfo(0, "a", 20, 30).check();
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void neverCompletedOperationsCountAsInfo() {
    HistoryRecorder rec = new HistoryRecorder(counter());
    rec.put(0, "k", "a"); // the client died before the answer
    rec.get(1, "k").ok("a");
    assertThat(LinearizabilityChecker.register().check(rec.history()).verdict()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void failedOperationsAreDropped() {
    KeyResult r = H.key("k").put(0, "a", 0, 10).putFail(1, "b", 20, 30).get(2, "a", 40, 50)
        .cas(3, "zzz", "c", 60, 70, FAIL).get(2, "a", 80, 90).check();
    assertThat(r.verdict()).isEqualTo(LINEARIZABLE);
    assertThat(r.opsChecked()).isEqualTo(3);
  }

  @Test
  void infoReadsAreDropped() {
    KeyResult r = H.key("k").put(0, "a", 0, 10).getInfo(1, 20, 30).get(2, "a", 40, 50).check();
    assertThat(r.verdict()).isEqualTo(LINEARIZABLE);
    assertThat(r.opsChecked()).isEqualTo(2);
  }

  @Test
  void casSucceedsOnlyOnTheExpectedValue() {
    assertThat(H.key("k").put(0, "a", 0, 10).cas(1, "a", "b", 20, 30, OK).get(2, "b", 40, 50).check().verdict())
        .isEqualTo(LINEARIZABLE);
    // an acknowledged cas from a when the register held c
    assertThat(H.key("k").put(0, "a", 0, 10).put(0, "c", 15, 18).cas(1, "a", "b", 20, 30, OK).check().verdict())
        .isEqualTo(NOT_LINEARIZABLE);
    // ... unless the write of c may come after it
    assertThat(H.key("k").put(0, "a", 0, 10).put(0, "c", 15, 40).cas(1, "a", "b", 20, 30, OK).get(2, "c", 50, 60)
        .check().verdict()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void casOnAbsentIsAttributeNotExists() {
    assertThat(H.key("k").cas(0, null, "a", 0, 10, OK).get(1, "a", 20, 30).check().verdict())
        .isEqualTo(LINEARIZABLE);
    assertThat(H.key("k").put(0, "x", 0, 10).cas(1, null, "a", 20, 30, OK).check().verdict())
        .isEqualTo(NOT_LINEARIZABLE);
    assertThat(H.key("k").put(0, "x", 0, 10).delete(0, 20, 30).cas(1, null, "a", 40, 50, OK).check().verdict())
        .isEqualTo(LINEARIZABLE);
  }

  @Test
  void twoAcknowledgedCasFromTheSameValueCannotBothWin() {
    KeyResult r = H.key("k").put(0, "a", 0, 10).cas(1, "a", "b", 20, 40, OK).cas(2, "a", "c", 20, 40, OK).check();
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void infoCasMayHaveSucceeded() {
    assertThat(H.key("k").put(0, "a", 0, 10).cas(1, "a", "b", 20, 30, INFO).get(2, "b", 40, 50).check().verdict())
        .isEqualTo(LINEARIZABLE);
    // but only if its condition could have held
    assertThat(H.key("k").put(0, "a", 0, 10).cas(1, "z", "b", 20, 30, INFO).get(2, "b", 40, 50).check().verdict())
        .isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void deleteMakesTheRegisterAbsent() {
    assertThat(H.key("k").put(0, "a", 0, 10).delete(1, 20, 30).get(2, null, 40, 50).check().verdict())
        .isEqualTo(LINEARIZABLE);
    assertThat(H.key("k").put(0, "a", 0, 10).delete(1, 20, 30).get(2, "a", 40, 50).check().verdict())
        .isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void equalTimesCountAsConcurrent() {
    assertThat(H.key("k").put(0, "a", 0, 10).get(1, null, 10, 20).check().verdict()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void keysAreCheckedIndependently() {
    List<Op> history = new ArrayList<>();
    history.addAll(H.key("good").put(0, "a", 0, 10).get(1, "a", 20, 30).ops());
    for (Op op : H.key("bad").put(0, "a", 0, 10).get(1, null, 20, 30).ops()) {
      history.add(new Op(op.id() + 100, op.process(), op.kind(), op.key(), op.value(), op.expected(),
          op.invokeNanos(), op.completeNanos(), op.outcome(), op.result()));
    }
    history.add(Op.add(500, 3, "set", "e1", 0, 5, OK)); // not a register op: ignored
    LinearizabilityResult r = LinearizabilityChecker.register().check(history);
    assertThat(r.keys()).containsOnlyKeys("good", "bad");
    assertThat(r.key("good").verdict()).isEqualTo(LINEARIZABLE);
    assertThat(r.key("bad").verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.summary()).contains("key bad").doesNotContain("key good");
  }

  @Test
  void exhaustedBudgetIsUnknownNeverOk() {
    // Many concurrent writes of distinct values all observed by one late read: legal, but costs a search.
    H h = H.key("k");
    for (int p = 0; p < 12; p++) {
      h.put(p, "v" + p, 0, 100);
    }
    h.get(99, "v0", 200, 210);
    KeyResult tiny = new LinearizabilityChecker<>(new RegisterModel(), 5, Long.MAX_VALUE).checkKey("k", h.ops());
    assertThat(tiny.verdict()).isEqualTo(UNKNOWN);
    assertThat(tiny.explanation()).contains("UNKNOWN", "not a pass");
    LinearizabilityResult whole = new LinearizabilityResult(java.util.Map.of("k", tiny));
    assertThat(whole.isLinearizable()).isFalse();
    KeyResult cacheBound = new LinearizabilityChecker<>(new RegisterModel(), Long.MAX_VALUE, 3).checkKey("k", h.ops());
    assertThat(cacheBound.verdict()).isEqualTo(UNKNOWN);
    assertThat(h.check().verdict()).isEqualTo(LINEARIZABLE);
  }

  @Test
  void manyConcurrentWritesWithAnImpossibleReadAreRefutedWithinBudget() {
    // 2^10 subsets of writes: the cache keeps the refutation polynomial in practice.
    H h = H.key("k");
    for (int p = 0; p < 10; p++) {
      h.put(p, "v" + p, 0, 100);
    }
    h.get(98, "v3", 200, 210).get(99, "v4", 220, 230);
    KeyResult r = h.check();
    assertThat(r.verdict()).as(r.explanation()).isEqualTo(NOT_LINEARIZABLE);
  }

  @Test
  void rejectsOpsOfAnotherKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> LinearizabilityChecker.register().checkKey("k", H.key("other").put(0, "a", 0, 1).ops()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static java.util.function.LongSupplier counter() {
    long[] t = {0};
    return () -> t[0] += 10;
  }
}
