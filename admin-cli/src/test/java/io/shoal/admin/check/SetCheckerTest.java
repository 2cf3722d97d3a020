package io.shoal.admin.check;

import static io.shoal.admin.check.Outcome.FAIL;
import static io.shoal.admin.check.Outcome.INFO;
import static io.shoal.admin.check.Outcome.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
  private static Op add(int id, String e, Outcome outcome) {
    return Op.add(id, id % 4, "set", e, id * 10L, id * 10L + 5, outcome);
  }

  @Test
  void everythingAcknowledgedPresentIsOk() {
    SetResult r = SetChecker.check(List.of(add(0, "a", OK), add(1, "b", OK), add(2, "c", INFO), add(3, "d", INFO),
        add(4, "e", FAIL)), List.of("b", "a", "c"));
    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.attempted()).isEqualTo(5);
    assertThat(r.acknowledged()).isEqualTo(2);
    assertThat(r.present()).isEqualTo(3);
    assertThat(r.recovered()).containsExactly("c");
    assertThat(r.infoAbsent()).isEqualTo(1);
  }

  @Test
  void reportsEachKindOfViolation() {
    SetResult r = SetChecker.check(List.of(add(0, "a", OK), add(1, "b", OK), add(2, "f", FAIL)),
        List.of("a", "a", "zz", "f"));
    assertThat(r.ok()).isFalse();
    assertThat(r.lost()).containsExactly("b");
    assertThat(r.unexpected()).containsExactly("zz");
    assertThat(r.failedButPresent()).containsExactly("f");
    assertThat(r.duplicates()).containsExactly("a");
    assertThat(r.toString()).contains("VIOLATION", "lost 1 [b]", "unexpected 1 [zz]");
  }

  @Test
  void putsOfDistinctKeysAreCheckedByKey() {
    List<Op> puts = List.of(Op.put(0, 0, "item-1", "x", 0, 5, OK), Op.put(1, 1, "item-2", "x", 0, 5, OK),
        Op.cas(2, 2, "item-3", null, "x", 0, 5, INFO));
    SetResult r = SetChecker.check(puts, List.of("item-1", "item-3"));
    assertThat(r.lost()).containsExactly("item-2");
    assertThat(r.recovered()).containsExactly("item-3");
    assertThatThrownBy(() -> SetChecker.check(List.of(Op.get(0, 0, "item-1", null, 0, 1)), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an add");
  }

  @Test
  void anElementAttemptedTwiceIsAWorkloadError() {
    assertThatThrownBy(() -> SetChecker.check(List.of(add(0, "a", OK), add(1, "a", INFO)), List.of("a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempted twice");
  }

  @Test
  void seededLossesAreAllFound() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    List<Op> adds = new ArrayList<>();
    List<String> present = new ArrayList<>();
    int lost = 0;
    for (int i = 0; i < 20_000; i++) {
      Outcome o = switch (rnd.nextInt(10)) {
        case 0 -> INFO;
        case 1 -> FAIL;
        default -> OK;
      };
      adds.add(add(i, "e" + i, o));
      boolean lands = o == OK || (o == INFO && rnd.nextBoolean());
      if (lands && o == OK && rnd.nextInt(1000) == 0) {
        lands = false;
        lost++;
      }
      if (lands) {
        present.add("e" + i);
      }
    }
    SetResult r = SetChecker.check(adds, present);
    assertThat(r.lost()).as("seed=%d", seed).hasSize(lost);
    assertThat(r.ok()).as("seed=%d: %s", seed, r).isEqualTo(lost == 0);
  }
}
