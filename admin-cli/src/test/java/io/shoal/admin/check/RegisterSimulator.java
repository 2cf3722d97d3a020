package io.shoal.admin.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Simulates clients against registers under random concurrency, for the checker's own tests. Each process runs
 * one operation at a time; every operation takes effect at a random instant inside its interval (an INFO one
 * possibly after the client gave up, or never). A {@link Bug} makes the registers wrong, and the simulator tells
 * which keys carry a violation that any correct checker must find ("witnesses").
 */
final class RegisterSimulator {
  enum Bug {
    NONE,
    /** Some acknowledged reads return a value that two real-time-ordered acknowledged writes made stale. */
    STALE_READ,
    /** Some acknowledged puts are never applied. */
    LOST_WRITE
  }

  /** @param witnessKeys keys with a provable violation; @param buggyKeys keys where the bug fired at all */
  record Result(List<Op> history, Set<String> buggyKeys, Set<String> witnessKeys) {}

  private record Planned(Op op, long effectAt, boolean applies) {}

  static Result run(long seed, int keys, int processes, int opsPerKey, int valueDomain, Bug bug) {
    Random rnd = new Random(seed);
    int total = keys * opsPerKey;
    long[] clock = new long[processes];
    List<Planned> planned = new ArrayList<>(total);
    Map<String, List<String>> writtenSoFar = new HashMap<>();
    int serial = 0;
    for (int i = 0; i < total; i++) {
      int p = 0;
      for (int q = 1; q < processes; q++) {
        if (clock[q] < clock[p]) {
          p = q;
        }
      }
      String key = "k" + rnd.nextInt(keys);
      long invoke = clock[p] + rnd.nextInt(5);
      long complete = invoke + 1 + rnd.nextInt(40);
      clock[p] = complete;
      boolean info = rnd.nextInt(100) < 3;
      long effectAt = invoke + (long) rnd.nextInt((int) (complete - invoke + 1));
      boolean applies = true;
      if (info) {
        applies = rnd.nextBoolean();
        effectAt = invoke + rnd.nextInt((int) (complete - invoke) + 200); // may land after the give-up
      }
      Outcome outcome = info ? Outcome.INFO : Outcome.OK;
      List<String> written = writtenSoFar.computeIfAbsent(key, k -> new ArrayList<>());
      String fresh = valueDomain > 0 ? "v" + rnd.nextInt(valueDomain) : key + "-p" + p + "-" + serial++;
      int dice = rnd.nextInt(100);
      Op op;
      if (dice < 50) {
        op = new Op(i, p, OpKind.GET, key, null, null, invoke, complete, outcome, null);
      } else if (dice < 80) {
        op = Op.put(i, p, key, fresh, invoke, complete, outcome);
        written.add(fresh);
      } else if (dice < 83) {
        op = Op.delete(i, p, key, invoke, complete, outcome);
      } else {
        String expected = written.isEmpty() || rnd.nextInt(10) == 0 ? null
            : written.get(Math.max(0, written.size() - 1 - rnd.nextInt(3)));
        op = Op.cas(i, p, key, expected, fresh, invoke, complete, outcome);
        written.add(fresh);
      }
      planned.add(new Planned(op, effectAt, applies));
    }

    // Apply effects in effect-time order; reads and cas learn their outcomes.
    List<Planned> byEffect = new ArrayList<>(planned);
    byEffect.sort(Comparator.comparingLong(Planned::effectAt).thenComparingLong(x -> x.op().id()));
    Map<String, String> state = new HashMap<>();
    Op[] finished = new Op[total];
    Set<String> buggy = new HashSet<>();
    Set<Long> lostWrites = new HashSet<>();
    for (Planned pl : byEffect) {
      Op op = pl.op();
      String current = state.get(op.key());
      Op done = op;
      if (pl.applies()) {
        switch (op.kind()) {
          case GET -> done = op.outcome() == Outcome.OK ? op.withOutcome(Outcome.OK, current, op.completeNanos()) : op;
          case PUT -> {
            if (bug == Bug.LOST_WRITE && op.outcome() == Outcome.OK && rnd.nextInt(100) < 2) {
              buggy.add(op.key());
              lostWrites.add(op.id());
            } else {
              state.put(op.key(), op.value());
            }
          }
          case DELETE -> state.remove(op.key());
          case CAS -> {
            if (Objects.equals(current, op.expected())) {
              state.put(op.key(), op.value());
            } else if (op.outcome() == Outcome.OK) {
              done = op.withOutcome(Outcome.FAIL, null, op.completeNanos());
            }
          }
          case ADD -> throw new IllegalStateException();
        }
      }
      finished[(int) op.id()] = done;
    }
    List<Op> history = new ArrayList<>(List.of(finished));
    Set<String> witnesses = new HashSet<>();
    if (bug == Bug.STALE_READ) {
      injectStaleReads(history, rnd, buggy, witnesses);
    } else if (bug == Bug.LOST_WRITE) {
      findLostWriteWitnesses(history, lostWrites, witnesses);
    }
    return new Result(history, buggy, witnesses);
  }

  private static boolean writesValue(Op op) {
    return op.outcome() == Outcome.OK && (op.kind() == OpKind.PUT || op.kind() == OpKind.CAS);
  }

  /**
   * Turns about one acknowledged read in 150 into a read of a value v such that write(v) completed before an
   * acknowledged write w' was invoked and w' completed before the read was invoked: with unique values no
   * linearization can let the read see v.
   */
  private static void injectStaleReads(List<Op> history, Random rnd, Set<String> buggy, Set<String> witnesses) {
    Map<String, List<Op>> writesByKey = new HashMap<>();
    for (Op op : history) {
      if (writesValue(op)) {
        writesByKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
      }
    }
    for (int i = 0; i < history.size(); i++) {
      Op r = history.get(i);
      if (r.kind() != OpKind.GET || r.outcome() != Outcome.OK || rnd.nextInt(150) != 0) {
        continue;
      }
      String stale = null;
      for (Op w2 : writesByKey.getOrDefault(r.key(), List.of())) {
        if (w2.completeNanos() >= r.invokeNanos()) {
          continue;
        }
        for (Op w1 : writesByKey.get(r.key())) {
          if (w1.completeNanos() < w2.invokeNanos() && !Objects.equals(w1.value(), r.result())) {
            stale = w1.value();
          }
        }
        if (stale != null) {
          break;
        }
      }
      if (stale != null) {
        history.set(i, r.withOutcome(Outcome.OK, stale, r.completeNanos()));
        buggy.add(r.key());
        witnesses.add(r.key());
      }
    }
  }

  /**
   * A lost write w is provably caught when an acknowledged read r, invoked after w completed, returns a value u
   * whose only writer (values are unique) completed, acknowledged, before w was invoked: w sits between u's write
   * and r in real time, so r cannot see u. (Runs with repeated values never call this.)
   */
  private static void findLostWriteWitnesses(List<Op> history, Set<Long> lost, Set<String> witnesses) {
    Map<String, Op> writerOf = new HashMap<>();
    Map<String, List<Op>> readsByKey = new HashMap<>();
    for (Op op : history) {
      if (writesValue(op)) {
        writerOf.put(op.value(), op);
      } else if (op.kind() == OpKind.GET && op.outcome() == Outcome.OK && op.result() != null) {
        readsByKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
      }
    }
    for (long id : lost) {
      Op w = history.get((int) id);
      for (Op r : readsByKey.getOrDefault(w.key(), List.of())) {
        Op writer = writerOf.get(r.result());
        if (r.invokeNanos() > w.completeNanos() && writer != null && writer.completeNanos() < w.invokeNanos()) {
          witnesses.add(w.key());
          break;
        }
      }
    }
  }
}
