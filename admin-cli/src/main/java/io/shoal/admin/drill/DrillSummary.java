package io.shoal.admin.drill;

import java.util.Arrays;
import java.util.List;

/** The closing line of {@code --runs N}: the median headline unavailability and whether every run was clean. */
final class DrillSummary {
  private DrillSummary() {}

  /** The median, NaN for no values; a NaN value (no acknowledged write after the fault) sorts last. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String line(String drill, String what, List<DrillOutcome> runs) {
    double[] u = runs.stream().mapToDouble(DrillOutcome::unavailability).toArray();
    boolean clean = runs.stream().allMatch(DrillOutcome::clean);
    return String.format("=== %d %s drills: write unavailability (%s), s: median %.3f, per run %s; all checked %s",
        runs.size(), drill, what, median(u), Arrays.toString(u), clean ? "CLEAN" : "NOT CLEAN");
  }
}
