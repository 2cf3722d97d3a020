package io.shoal.admin.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The WGL checker against the definition, on thousands of tiny random histories: a brute-force search over every
 * order that respects real time, every OK op included, every INFO op included or not, FAIL ops left out. Values
 * repeat and reads return random values, so both verdicts occur; this covers the INFO and pruning rules.
 */
class BruteForceCrossCheckTest {

  @Test
  void agreesWithBruteForceOnTinyHistories() {
    long seed = Long.getLong("shoal.chaos.seed", System.nanoTime());
    Random rnd = new Random(seed);
    int[] verdicts = new int[2];
    for (int round = 0; round < 4000; round++) {
      List<Op> ops = randomHistory(rnd, 1 + rnd.nextInt(7));
      boolean expected = bruteForce(ops);
      KeyResult r = LinearizabilityChecker.register().checkKey("k", ops);
      assertThat(r.verdict()).as("seed=%d round %d history:%n%s%n%s", seed, round, describe(ops), r.explanation())
          .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
      verdicts[expected ? 1 : 0]++;
    }
    assertThat(verdicts[0]).as("seed=%d: some histories must be non-linearizable", seed).isGreaterThan(200);
    assertThat(verdicts[1]).as("seed=%d: some histories must be linearizable", seed).isGreaterThan(200);
  }

  private static List<Op> randomHistory(Random rnd, int size) {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      long invoke = rnd.nextInt(20);
      long complete = invoke + rnd.nextInt(8);
      int o = rnd.nextInt(10);
      Outcome outcome = o < 6 ? Outcome.OK : o < 8 ? Outcome.INFO : Outcome.FAIL;
      String v = value(rnd);
      ops.add(switch (rnd.nextInt(5)) {
        case 0, 1 -> outcome == Outcome.OK ? Op.get(i, i, "k", v, invoke, complete)
            : new Op(i, i, OpKind.GET, "k", null, null, invoke, complete, outcome, null);
        case 2 -> Op.put(i, i, "k", v, invoke, complete, outcome);
        case 3 -> Op.delete(i, i, "k", invoke, complete, outcome);
        default -> Op.cas(i, i, "k", value(rnd), v, invoke, complete, outcome);
      });
    }
    return ops;
  }

  private static String value(Random rnd) {
    int v = rnd.nextInt(4);
    return v == 0 ? null : "v" + v;
  }

  static boolean bruteForce(List<Op> history) {
    List<Op> ops = history.stream().filter(op -> op.outcome() != Outcome.FAIL).toList();
    return search(ops, new boolean[ops.size()], null);
  }

  private static boolean search(List<Op> ops, boolean[] placed, String state) {
    boolean allOkPlaced = true;
    for (int i = 0; i < ops.size(); i++) {
      if (!placed[i] && ops.get(i).outcome() == Outcome.OK) {
        allOkPlaced = false;
      }
    }
    if (allOkPlaced) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (placed[i] || !minimal(ops, placed, i)) {
        continue;
      }
      Op op = ops.get(i);
      String next;
      switch (op.kind()) {
        case GET -> {
          if (op.outcome() != Outcome.OK || !Objects.equals(state, op.result())) {
            continue;
          }
          next = state;
        }
        case PUT -> next = op.value();
        case DELETE -> next = null;
        case CAS -> {
          if (!Objects.equals(state, op.expected())) {
            continue;
          }
          next = op.value();
        }
        default -> throw new IllegalStateException();
      }
      placed[i] = true;
      boolean ok = search(ops, placed, next);
      placed[i] = false;
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** No unplaced acknowledged op completed strictly before op i was invoked. */
  private static boolean minimal(List<Op> ops, boolean[] placed, int i) {
    for (int j = 0; j < ops.size(); j++) {
      Op a = ops.get(j);
      if (!placed[j] && j != i && a.outcome() == Outcome.OK && a.completeNanos() < ops.get(i).invokeNanos()) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<Op> ops) {
    StringBuilder b = new StringBuilder();
    for (Op op : ops) {
      b.append("  ").append(op.describe()).append('\n');
    }
    return b.toString();
  }
}
