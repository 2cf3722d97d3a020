package io.shoal.admin.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.admin.check.RegisterSimulator.Bug;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker against simulated registers: a correct one must always pass, a buggy one must be caught on every
 * key where the simulator can prove a violation, and never blamed on a key where no bug fired. Seeds are fixed
 * plus one fresh per run, printed; replay one with {@code -Dshoal.chaos.seed=N}.
 */
class SimulatedRegisterTest {
  private static final int KEYS = 4;
  private static final int PROCESSES = 8;
  private static final int OPS_PER_KEY = 3000;

  private static List<Long> seeds() {
    String forced = System.getProperty("shoal.chaos.seed");
    if (forced != null) {
      return List.of(Long.parseLong(forced));
    }
    List<Long> seeds = new ArrayList<>(List.of(1L, 2L, 3L, 42L));
    long fresh = System.nanoTime();
    System.out.println("SimulatedRegisterTest fresh seed " + fresh + " (replay with -Dshoal.chaos.seed=" + fresh + ")");
    seeds.add(fresh);
    return seeds;
  }

  @Test
  void correctRegisterAlwaysPasses() {
    for (long seed : seeds()) {
      RegisterSimulator.Result sim = RegisterSimulator.run(seed, KEYS, PROCESSES, OPS_PER_KEY, 0, Bug.NONE);
      long start = System.nanoTime();
      LinearizabilityResult r = LinearizabilityChecker.register().check(sim.history());
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("seed " + seed + ": " + sim.history().size() + " ops checked in " + ms + " ms, steps "
          + r.keys().values().stream().mapToLong(KeyResult::steps).sum());
      assertThat(r.verdict()).as("seed=%d: %s", seed, r.summary()).isEqualTo(Verdict.LINEARIZABLE);
    }
  }

  @Test
  void correctRegisterWithFewDistinctValuesPasses() {
    // Values repeat, so reads cannot tell writes apart: the hard case for the search.
    for (long seed : seeds()) {
      RegisterSimulator.Result sim = RegisterSimulator.run(seed, 2, PROCESSES, 1500, 3, Bug.NONE);
      LinearizabilityResult r = LinearizabilityChecker.register().check(sim.history());
      assertThat(r.verdict()).as("seed=%d: %s", seed, r.summary()).isEqualTo(Verdict.LINEARIZABLE);
    }
  }

  @Test
  void staleReadsAreCaught() {
    assertBugsCaught(Bug.STALE_READ);
  }

  @Test
  void lostWritesAreCaught() {
    assertBugsCaught(Bug.LOST_WRITE);
  }

  private static void assertBugsCaught(Bug bug) {
    int witnessed = 0;
    for (long seed : seeds()) {
      RegisterSimulator.Result sim = RegisterSimulator.run(seed, KEYS, PROCESSES, OPS_PER_KEY, 0, bug);
      LinearizabilityResult r = LinearizabilityChecker.register().check(sim.history());
      for (Map.Entry<String, KeyResult> e : r.keys().entrySet()) {
        String key = e.getKey();
        KeyResult k = e.getValue();
        if (sim.witnessKeys().contains(key)) {
          assertThat(k.verdict()).as("seed=%d %s key %s: %s", seed, bug, key, k.explanation())
              .isEqualTo(Verdict.NOT_LINEARIZABLE);
          assertThat(k.blocked()).as("seed=%d", seed).isNotNull();
        } else if (!sim.buggyKeys().contains(key)) {
          assertThat(k.verdict()).as("seed=%d %s clean key %s: %s", seed, bug, key, k.explanation())
              .isEqualTo(Verdict.LINEARIZABLE);
        }
      }
      witnessed += sim.witnessKeys().size();
    }
    assertThat(witnessed).as("%s: the simulator produced no provable violation at all", bug).isPositive();
  }

  @Test
  void savedHistoryRechecksTheSame() throws Exception {
    long seed = 7;
    RegisterSimulator.Result sim = RegisterSimulator.run(seed, 2, 4, 500, 0, Bug.STALE_READ);
    StringWriter out = new StringWriter();
    HistoryJson.write(sim.history(), out);
    List<Op> back = HistoryJson.read(new StringReader(out.toString()));
    assertThat(back).as("seed=%d", seed).isEqualTo(sim.history());
    assertThat(LinearizabilityChecker.register().check(back))
        .isEqualTo(LinearizabilityChecker.register().check(sim.history()));
  }
}
