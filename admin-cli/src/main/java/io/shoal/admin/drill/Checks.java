package io.shoal.admin.drill;

import io.shoal.admin.check.LinearizabilityResult;
import io.shoal.admin.check.Op;
import io.shoal.admin.check.ReplicaAgreement;
import io.shoal.admin.check.SetResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The verdicts on one drill's history: no acknowledged write lost (set check), every register key linearizable,
 * every group's replicas identical. Clean only when all three pass.
 *
 * @param errors client-visible errors by {@code __type} ("timeout" and "io" are unknown outcomes)
 */
record Checks(List<Op> history, Map<String, Long> errors, SetResult set, LinearizabilityResult lin,
    ReplicaAgreement.Report replicas) {

  boolean clean() {
    return set.ok() && lin.isLinearizable() && replicas != null && replicas.allAgree();
  }

  /** The report's closing lines, the same for every drill. */
  void print(PrintWriter out, long seed) {
    Map<String, Long> outcomes = new TreeMap<>(history.stream()
        .collect(Collectors.groupingBy(op -> op.outcome().name(), Collectors.counting())));
    out.printf("operations: %d %s; client errors: %s%n", history.size(), outcomes, errors);
    out.printf("acknowledged writes: %s%n", set);
    out.printf("register histories: %s%n", lin.summary());
    out.println(replicas == null ? "replicas: no metadata leader answered, not compared" : replicas);
    out.println("history checked " + (clean() ? "CLEAN" : "NOT CLEAN") + " (seed " + seed + ")");
  }

  /** {@code {g1=0.123, g2=...}}: seconds per group. */
  static String format(Map<Integer, Double> gaps) {
    return new TreeMap<>(gaps).entrySet().stream()
        .map(e -> "g" + e.getKey() + "=" + String.format("%.3f", e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
