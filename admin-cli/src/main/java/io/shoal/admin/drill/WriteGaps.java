package io.shoal.admin.drill;

import io.shoal.admin.check.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Write unavailability per group: the longest time, after a fault, between two acknowledged writes to the same
 * group (or from the fault to the first acknowledged write). With clients writing continuously, that gap is how long
 * the group could not take writes.
 */
final class WriteGaps {
  private WriteGaps() {}

  /** Longest gap in seconds per group, counting from {@code faultNanos}, over acknowledged set puts. */
  static Map<Integer, Double> after(List<Op> history, long faultNanos, ToIntFunction<String> groupOfKey) {
    Map<Integer, List<Long>> acks = new TreeMap<>();
    for (Op op : history) {
      if (Workload.isSetPut(op) && Workload.acknowledged(op) && op.completeNanos() >= faultNanos) {
        acks.computeIfAbsent(groupOfKey.applyAsInt(op.key()), g -> new ArrayList<>()).add(op.completeNanos());
      }
    }
    Map<Integer, Double> gaps = new TreeMap<>();
    acks.forEach((group, times) -> {
      times.sort(Long::compare);
      long previous = faultNanos;
      long longest = 0;
      for (long t : times) {
        longest = Math.max(longest, t - previous);
        previous = t;
      }
      gaps.put(group, longest / 1e9);
    });
    return gaps;
  }

  /** The gaps of {@code groups} only; a group with no acknowledged write after the fault shows NaN. */
  static Map<Integer, Double> only(Map<Integer, Double> gaps, List<Integer> groups) {
    Map<Integer, Double> out = new TreeMap<>();
    groups.forEach(g -> out.put(g, gaps.getOrDefault(g, Double.NaN)));
    return out;
  }

  /** The largest gap (NaN when any is NaN or there are none). */
  static double worst(Map<Integer, Double> gaps) {
    return gaps.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
