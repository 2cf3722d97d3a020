package io.shoal.chaos.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded plan of faults: which nemeses, in which order, how long to wait before each and how long each lasts.
 * The seed comes from {@code -Dshoal.chaos.seed} or is drawn fresh, and is printed, so a failing run can be
 * replayed with the same choices (timing against the cluster's own clocks is of course not replayed).
 */
public final class NemesisSchedule {
  /** One planned fault. */
  public record Step(Nemesis nemesis, long gapBeforeMs, long durationMs) {}

  /** What happened to one planned fault, times in seconds since the workload started. */
  public record Applied(String name, String description, double startSec, double healSec, String error) {
    @Override
    public String toString() {
      return String.format("%6.1fs-%6.1fs  %-20s %s%s", startSec, healSec, name, description,
          error == null ? "" : "  ERROR " + error);
    }
  }

  private final long seed;
  private final Random random;
  private final int electionTimeoutMs;
  private final List<Step> steps = new ArrayList<>();

  public NemesisSchedule(long seed, int electionTimeoutMs) {
    this.seed = seed;
    this.random = new Random(seed);
    this.electionTimeoutMs = electionTimeoutMs;
  }

  /** {@code -Dshoal.chaos.seed}, else a fresh one. */
  public static long seedFromProperty() {
    String s = System.getProperty("shoal.chaos.seed");
    return s == null || s.isBlank() ? new Random().nextLong() : Long.parseLong(s.trim());
  }

  public long seed() {
    return seed;
  }

  /** The schedule's random, for nemeses that pick targets (draws happen in plan and run order: deterministic). */
  public Random random() {
    return random;
  }

  /**
   * Plans every {@code required} nemesis plus {@code extras} drawn from {@code optional}, in a seeded order; each
   * lasts the election timeout plus 2-5 s and follows a 3-6 s gap.
   */
  public List<Step> plan(List<Nemesis> required, List<Nemesis> optional, int extras) {
    List<Nemesis> chosen = new ArrayList<>(required);
    List<Nemesis> pool = new ArrayList<>(optional);
    Collections.shuffle(pool, random);
    chosen.addAll(pool.subList(0, Math.min(extras, pool.size())));
    Collections.shuffle(chosen, random);
    for (Nemesis n : chosen) {
      steps.add(new Step(n, 3000 + random.nextInt(3001), electionTimeoutMs + 2000 + random.nextInt(3001)));
    }
    return List.copyOf(steps);
  }

  /**
   * Runs the plan on the calling thread: gap, start, hold, heal; a fault whose start throws is healed at once and
   * reported with its error. Every started fault is healed even when interrupted.
   */
  public List<Applied> run(long t0Nanos, BeforeEach beforeEach) throws InterruptedException {
    List<Applied> applied = new ArrayList<>();
    for (Step s : steps) {
      Thread.sleep(s.gapBeforeMs());
      beforeEach.await();
      double start = sec(t0Nanos);
      String error = null;
      try {
        System.out.printf("[nemesis] %6.1fs start %s%n", start, s.nemesis().name());
        s.nemesis().start();
        System.out.printf("[nemesis] %6.1fs   -> %s, holding %d ms%n", sec(t0Nanos), s.nemesis().describe(),
            s.durationMs());
        Thread.sleep(s.durationMs());
      } catch (InterruptedException e) {
        heal(s.nemesis());
        throw e;
      } catch (Exception e) {
        error = e.toString();
        System.out.printf("[nemesis] %6.1fs   start failed: %s%n", sec(t0Nanos), e);
      }
      String healError = heal(s.nemesis());
      double healed = sec(t0Nanos);
      System.out.printf("[nemesis] %6.1fs healed %s%n", healed, s.nemesis().name());
      applied.add(new Applied(s.nemesis().name(), s.nemesis().describe(), start, healed,
          error != null ? error : healError));
    }
    return applied;
  }

  /** Called before each fault, e.g. to wait until the cluster is healthy again so faults do not pile up. */
  public interface BeforeEach {
    void await() throws InterruptedException;
  }

  private static String heal(Nemesis n) {
    try {
      n.heal();
      return null;
    } catch (Exception e) {
      System.out.println("[nemesis] heal of " + n.name() + " failed: " + e);
      return "heal: " + e;
    }
  }

  private static double sec(long t0Nanos) {
    return (System.nanoTime() - t0Nanos) / 1e9;
  }
}
