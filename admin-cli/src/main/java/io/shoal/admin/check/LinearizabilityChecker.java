package io.shoal.admin.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides whether a recorded history is linearizable, key by key.
 *
 * <p>The algorithm is Wing &amp; Gong's search with Lowe's improvements (G. Lowe, "Testing for linearizability",
 * CCPE 2017), split per key as in Horn &amp; Kroening, "Faster linearizability checking via P-compositionality"
 * (FORTE 2015) — the same search Porcupine and Knossos' {@code wgl} analyzer run:
 *
 * <ul>
 *   <li>Linearizability is local (Herlihy &amp; Wing), so each key is checked on its own.
 *   <li>Calls and returns sit in one doubly linked list in time order. The search repeatedly takes the first call
 *       in the list whose operation is legal in the current model state, "lifts" its call and return out of the
 *       list and pushes it; on reaching a return whose call was never lifted, that operation cannot be placed
 *       any more and the search backtracks.
 *   <li>Lowe's cache: a (set of linearized operations as a bit set, model state) pair that was already
 *       explored is never explored again.
 *   <li>FAIL operations are dropped. INFO operations return at +infinity, so they may linearize at any point
 *       after their invocation; when the search reaches the first INFO return, every acknowledged operation is
 *       placed and the rest may be left out, so the history is linearizable.
 *   <li>Ties between a call and a return at the same time count as concurrent (calls sort first).
 * </ul>
 *
 * <p>The search is exponential in the worst case, so each key has a step budget and a cache budget; when either
 * runs out the key is UNKNOWN, never LINEARIZABLE. Measured on simulated correct registers (unique values, 3% INFO,
 * see {@code RegisterSimulator}) with the default budget: 8 clients spread over 4 keys, 30,000 ops per key, in
 * about 4 s; 8 clients on one key, 20,000 ops, about 5 s (100,000 ops need about 11M steps); 12 clients on one key,
 * 5,000 ops, near the budget (about 5M steps); 16 or more clients all on one key exhaust it (UNKNOWN). Refuting is
 * usually cheaper (at most about 200k steps per key in the buggy simulations): only the orders up to the first
 * operation that cannot be placed must be exhausted. Keep the number of clients per key
 * small, and write unique values: repeated values make reads ambiguous and the search wider.
 *
 * <p>The cache stores the linearized set compactly (operations are numbered in invocation order, so the set is a
 * run of ones and a window; see {@code cacheKey}) so that long histories fit in memory.
 *
 * <p>Why hand-written: Knossos and Elle are Clojure libraries published on Clojars, and Porcupine is Go; Maven
 * Central, the only registry this project reaches, has no maintained JVM checker for recorded histories.
 * JetBrains Lincheck is on Central, but it drives in-process Java data structures from its own generated
 * scenarios; it cannot check the history of a remote system recorded by real clients under faults.
 */
public final class LinearizabilityChecker<S> {
  /** Enough for tens of thousands of operations per key at the concurrency of the chaos workloads. */
  public static final long DEFAULT_STEP_BUDGET = 5_000_000L;
  /** About 1 GiB of cached bit sets. */
  public static final long DEFAULT_CACHE_WORD_BUDGET = 128L * 1024 * 1024;
  /** How many operations of the prefix an explanation shows. */
  private static final int EXPLAIN_TAIL = 12;

  private final Model<S> model;
  private final long stepBudget;
  private final long cacheWordBudget;

  public LinearizabilityChecker(Model<S> model) {
    this(model, DEFAULT_STEP_BUDGET, DEFAULT_CACHE_WORD_BUDGET);
  }

  /**
   * @param stepBudget search steps allowed per key
   * @param cacheWordBudget 64-bit words of cached bit sets allowed per key (bounds memory)
   */
  public LinearizabilityChecker(Model<S> model, long stepBudget, long cacheWordBudget) {
    this.model = Objects.requireNonNull(model);
    this.stepBudget = stepBudget;
    this.cacheWordBudget = cacheWordBudget;
  }

  /** A checker for registers that start absent, with the default budgets. */
  public static LinearizabilityChecker<String> register() {
    return new LinearizabilityChecker<>(new RegisterModel());
  }

  /** Checks every key that has register operations; ADD operations are ignored. */
  public LinearizabilityResult check(List<Op> history) {
    Map<String, List<Op>> byKey = history.stream().filter(op -> op.kind().isRegisterOp())
        .collect(Collectors.groupingBy(Op::key, TreeMap::new, Collectors.toList()));
    Map<String, KeyResult> results = new TreeMap<>();
    byKey.forEach((key, ops) -> results.put(key, checkKey(key, ops)));
    return new LinearizabilityResult(results);
  }

  /** Checks the operations of one key. */
  public KeyResult checkKey(String key, List<Op> ops) {
    List<Op> live = new ArrayList<>(ops.size());
    for (Op op : ops) {
      if (!op.key().equals(key)) {
        throw new IllegalArgumentException("op on key " + op.key() + " in the history of " + key);
      }
      if (op.outcome() != Outcome.FAIL) {
        live.add(op);
      }
    }
    return new Search(key, model.prepare(live)).run();
  }

  /** One key's search; the linked list lives in int arrays (node i < n is op i's call, n + i its return). */
  private final class Search {
    private final String key;
    private final Op[] ops;
    private final int n;
    private final int head;
    private final int[] next;
    private final int[] prev;

    /** The linearized set. Ops are numbered in invocation order, so it is mostly a run of ones then a window. */
    private final long[] bits;
    /** First word that is not all ones; words before it are implied by the offset in a cache key. */
    private int lowWord;
    /** Last word that is not zero, -1 if none. */
    private int highWord = -1;

    Search(String key, List<Op> kept) {
      this.key = key;
      List<Op> byInvoke = new ArrayList<>(kept);
      byInvoke.sort(Comparator.comparingLong(Op::invokeNanos)); // stable: ties keep recording order
      this.ops = byInvoke.toArray(new Op[0]);
      this.n = ops.length;
      this.head = 2 * n;
      this.next = new int[2 * n + 1];
      this.prev = new int[2 * n + 1];
      this.bits = new long[(n + 63) / 64];
      Integer[] nodes = new Integer[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        nodes[i] = i;
      }
      Arrays.sort(nodes, (a, b) -> {
        int c = Long.compare(time(a), time(b));
        if (c != 0) {
          return c;
        }
        c = Boolean.compare(a >= n, b >= n); // calls before returns: equal times count as concurrent
        return c != 0 ? c : Integer.compare(a, b);
      });
      int last = head;
      for (int node : nodes) {
        next[last] = node;
        prev[node] = last;
        last = node;
      }
      next[last] = -1;
    }

    private long time(int node) {
      if (node < n) {
        return ops[node].invokeNanos();
      }
      Op op = ops[node - n];
      return op.outcome() == Outcome.INFO ? Long.MAX_VALUE : op.completeNanos();
    }

    private void setBit(int i) {
      int w = i >>> 6;
      bits[w] |= 1L << i;
      highWord = Math.max(highWord, w);
      while (lowWord < bits.length && bits[lowWord] == -1L) {
        lowWord++;
      }
    }

    private void clearBit(int i) {
      int w = i >>> 6;
      bits[w] &= ~(1L << i);
      lowWord = Math.min(lowWord, w);
      while (highWord >= 0 && bits[highWord] == 0) {
        highWord--;
      }
    }

    /**
     * The linearized set, compactly: words before {@code lowWord} are all ones and words after {@code highWord}
     * all zeros; in between, runs of all-ones words (left behind an INFO op that never takes effect) are written
     * as the marker -1 followed by the run length. Any other word is written as is, so the encoding is injective.
     */
    private CacheKey cacheKey(Object state) {
      if (highWord < lowWord) {
        return new CacheKey(lowWord, new long[0], state);
      }
      long[] out = new long[2 * (highWord - lowWord + 1)];
      int len = 0;
      int w = lowWord;
      while (w <= highWord) {
        if (bits[w] == -1L) {
          int run = 0;
          while (w <= highWord && bits[w] == -1L) {
            run++;
            w++;
          }
          out[len++] = -1L;
          out[len++] = run;
        } else {
          out[len++] = bits[w++];
        }
      }
      return new CacheKey(lowWord, len == out.length ? out : Arrays.copyOf(out, len), state);
    }

    private void lift(int op) {
      int call = op;
      int ret = n + op;
      next[prev[call]] = next[call];
      if (next[call] >= 0) {
        prev[next[call]] = prev[call];
      }
      next[prev[ret]] = next[ret];
      if (next[ret] >= 0) {
        prev[next[ret]] = prev[ret];
      }
    }

    /** Exact inverse of {@link #lift}, valid in LIFO order (dancing links). */
    private void unlift(int op) {
      int call = op;
      int ret = n + op;
      next[prev[ret]] = ret;
      if (next[ret] >= 0) {
        prev[next[ret]] = ret;
      }
      next[prev[call]] = call;
      if (next[call] >= 0) {
        prev[next[call]] = call;
      }
    }

    KeyResult run() {
      HashSet<CacheKey> cache = new HashSet<>();
      long cachedWords = 0;
      // The stack of linearized ops as a persistent list, so the longest prefix is kept by reference.
      Frame<S> top = null;
      int depth = 0;
      S state = model.initial();
      int maxDepth = 0;
      Frame<S> best = null;
      S bestState = state;
      int blocked = -1;
      long steps = 0;
      int entry = next[head];
      while (entry >= 0) {
        if (++steps > stepBudget) {
          return unknown(steps, "step budget of " + stepBudget + " exhausted");
        }
        if (entry < n) {
          Op op = ops[entry];
          if (model.legal(state, op)) {
            S after = model.apply(state, op);
            setBit(entry);
            CacheKey k = cacheKey(after);
            if (cache.add(k)) {
              cachedWords += k.window().length + 2;
              if (cachedWords > cacheWordBudget) {
                return unknown(steps, "cache budget of " + cacheWordBudget + " words exhausted");
              }
              top = new Frame<>(entry, state, top);
              depth++;
              state = after;
              lift(entry);
              if (depth > maxDepth) {
                maxDepth = depth;
                blocked = -1;
              }
              entry = next[head];
              continue;
            }
            clearBit(entry);
          }
          entry = next[entry];
        } else {
          int op = entry - n;
          if (ops[op].outcome() == Outcome.INFO) {
            // Every return before +infinity was lifted, so every acknowledged op is linearized.
            return done(Verdict.LINEARIZABLE, steps, "linearizable");
          }
          if (depth == maxDepth && blocked < 0) {
            blocked = op;
            best = top;
            bestState = state;
          }
          if (top == null) {
            return failed(steps, best, bestState, blocked);
          }
          int undo = top.op();
          state = top.stateBefore();
          top = top.below();
          depth--;
          clearBit(undo);
          unlift(undo);
          entry = next[undo];
        }
      }
      return done(Verdict.LINEARIZABLE, steps, "linearizable");
    }

    private KeyResult done(Verdict verdict, long steps, String why) {
      return new KeyResult(key, verdict, n, steps, List.of(), null, null,
          "key " + key + ": " + why + " (" + n + " ops, " + steps + " steps)");
    }

    private KeyResult unknown(long steps, String why) {
      return done(Verdict.UNKNOWN, steps, "UNKNOWN, " + why + "; not a pass");
    }

    private KeyResult failed(long steps, Frame<S> best, S bestState, int blocked) {
      List<Op> prefix = new ArrayList<>();
      for (Frame<S> f = best; f != null; f = f.below()) {
        prefix.add(ops[f.op()]);
      }
      Collections.reverse(prefix);
      Op stuck = blocked >= 0 ? ops[blocked] : null;
      StringBuilder b = new StringBuilder("key ").append(key).append(": NOT linearizable (").append(n)
          .append(" ops, ").append(steps).append(" steps). Longest linearizable prefix: ").append(prefix.size())
          .append(" ops");
      if (prefix.size() > EXPLAIN_TAIL) {
        b.append(", ending");
      }
      b.append(":");
      for (Op op : prefix.subList(Math.max(0, prefix.size() - EXPLAIN_TAIL), prefix.size())) {
        b.append("\n    ").append(op.describe());
      }
      b.append("\n  leaving the register at ").append(model.show(bestState)).append(".");
      if (stuck != null) {
        b.append("\n  Then no order places ").append(stuck.describe()).append(" before its completion.");
      }
      return new KeyResult(key, Verdict.NOT_LINEARIZABLE, n, steps, List.copyOf(prefix), model.show(bestState),
          stuck, b.toString());
    }
  }

  private record Frame<T>(int op, T stateBefore, Frame<T> below) {}

  /** (linearized set, state): the set as the index of its first not-all-ones word and the encoded words after. */
  private record CacheKey(int offset, long[] window, Object state) {
    @Override
    public boolean equals(Object o) {
      return o instanceof CacheKey k && k.offset == offset && Arrays.equals(k.window, window)
          && Objects.equals(k.state, state);
    }

    @Override
    public int hashCode() {
      return (offset * 31 + Arrays.hashCode(window)) * 31 + Objects.hashCode(state);
    }
  }
}
