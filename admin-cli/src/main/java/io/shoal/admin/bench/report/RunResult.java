package io.shoal.admin.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One measured run: {@code target} is what was measured ("A", "B", "stub" or the endpoint), {@code round} counts
 * from 1 in compare mode (0 otherwise). {@code connectionErrors} are failures that had no request in flight (a
 * refused connect); errors of requests are in their op's result.
 */
public record RunResult(String target, int round, int clients, double seconds, List<OpResult> ops,
    Map<String, Long> connectionErrors, Map<String, String> connectionErrorSamples) {

  public RunResult {
    ops = List.copyOf(ops);
    connectionErrors = Map.copyOf(connectionErrors);
    connectionErrorSamples = Map.copyOf(connectionErrorSamples);
  }

  public Optional<OpResult> op(String name) {
    return ops.stream().filter(o -> o.op().equals(name)).findFirst();
  }

  public long totalOps() {
    return ops.stream().mapToLong(OpResult::ops).sum();
  }

  public long totalErrors() {
    return ops.stream().mapToLong(OpResult::errors).sum()
        + connectionErrors.values().stream().mapToLong(Long::longValue).sum();
  }

  public RunResult as(String newTarget, int newRound) {
    return new RunResult(newTarget, newRound, clients, seconds, ops, connectionErrors, connectionErrorSamples);
  }
}
