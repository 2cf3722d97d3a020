package io.shoal.admin.check;

import static io.shoal.admin.check.Verdict.LINEARIZABLE;
import static io.shoal.admin.check.Verdict.NOT_LINEARIZABLE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Examples from the test suites of Porcupine (anishathalye/porcupine, porcupine_test.go, TestRegisterModel; also
 * its README) and Knossos (jepsen-io/knossos, test/knossos/wgl_test.clj), re-drawn by hand as timed histories.
 * Knossos writes histories as invoke/complete events without times; they become intervals here in event order.
 */
class ClassicHistoriesTest {

  /**
   * Porcupine TestRegisterModel, first history (initial value 0): C0 put 100 over [0,100]; C1 get -> 100 over
   * [25,75]; C2 get -> 0 over [30,60]. Linearizable as C2 get, C0 put, C1 get.
   */
  @Test
  void porcupineRegisterLinearizable() {
    KeyResult r = H.key("x").put(0, "100", 0, 100).get(1, "100", 25, 75).get(2, "0", 30, 60).check("0");
    assertThat(r.verdict()).as(r.explanation()).isEqualTo(LINEARIZABLE);
  }

  /**
   * Porcupine TestRegisterModel, second history: C0 put 200 over [0,100]; C1 get -> 200 over [10,30]; C2 get -> 0
   * over [40,90]. C2 reads the old value after C1 already saw the new one: not linearizable.
   */
  @Test
  void porcupineRegisterNotLinearizable() {
    H h = H.key("x").put(0, "200", 0, 100).get(1, "200", 10, 30).get(2, "0", 40, 90);
    KeyResult r = h.check("0");
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.blocked()).isEqualTo(h.op(2));
  }

  /** Knossos wgl_test crash-test: register 0, a write of 1 that crashed (info) and nothing else. Valid. */
  @Test
  void knossosCrash() {
    assertThat(H.key("x").putInfo(0, "1", 0, 1).check("0").verdict()).isEqualTo(LINEARIZABLE);
  }

  /** Knossos wgl_test sequential-test: register 0, read 0. Valid. */
  @Test
  void knossosSequential() {
    assertThat(H.key("x").get(0, "0", 0, 1).check("0").verdict()).isEqualTo(LINEARIZABLE);
  }

  /** Knossos wgl_test read-wrong-initial-value-test: register 0, read 1. Invalid; the read is the culprit. */
  @Test
  void knossosReadWrongInitialValue() {
    H h = H.key("x").get(0, "1", 0, 1);
    KeyResult r = h.check("0");
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.blocked()).isEqualTo(h.op(0));
    assertThat(r.longestPrefix()).isEmpty();
    assertThat(r.stateAfterPrefix()).isEqualTo("0");
  }

  /**
   * Knossos wgl_test preserves-indices-test: register 0, process 0 writes 1 then reads 2. Invalid; the last
   * linearized op is the write.
   */
  @Test
  void knossosWriteThenReadOther() {
    H h = H.key("x").put(0, "1", 0, 1).get(0, "2", 2, 3);
    KeyResult r = h.check("0");
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.longestPrefix()).containsExactly(h.op(0));
    assertThat(r.blocked()).isEqualTo(h.op(1));
  }

  /**
   * Knossos wgl_test bad-analysis-test-2 (data/cas-register/bad/cas-failure.edn), as its comment describes it:
   * the value is 0; reads of 0 run concurrently with a write of 2 (and a crashed cas 1->1); a later read of 0
   * starts after the write completed. Only "all reads of 0, then write 2" fits the concurrent part, which leaves
   * 2, so the final read of 0 is the invalidating op.
   */
  @Test
  void knossosCasFailure() {
    H h = H.key("x")
        .get(70, "0", 0, 30)
        .put(76, "2", 5, 40)
        .get(74, "0", 10, 45)
        .cas(77, "1", "1", 12, 13, Outcome.INFO)
        .get(70, "0", 50, 60);
    KeyResult r = h.check("0");
    assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
    assertThat(r.blocked()).isEqualTo(h.op(4));
    assertThat(r.stateAfterPrefix()).isEqualTo("2");
  }
}
