package io.shoal.admin.bench.report;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one op kind did in one measured window. {@code ops} counts answered requests that were not errors (a
 * ConditionalCheckFailedException is an answer: it is in {@code ops} and also counted in {@code conditionFailed});
 * latencies (ms) are over those. {@code avgItems} is set for Query (items returned per call),
 * {@code unprocessedItems} for BatchWriteItem.
 */
public record OpResult(String op, long ops, double seconds, double p50Ms, double p95Ms, double p99Ms, double p999Ms,
    double maxMs, long conditionFailed, Map<String, Long> errorsByType, Map<String, String> errorSamples,
    OptionalDouble avgItems, OptionalLong unprocessedItems) {

  public OpResult {
    errorsByType = Map.copyOf(errorsByType);
    errorSamples = Map.copyOf(errorSamples);
  }

  /** Answered requests per second of the window; 0 for an empty window. */
  public double throughput() {
    return seconds > 0 ? ops / seconds : 0;
  }

  public long errors() {
    return errorsByType.values().stream().mapToLong(Long::longValue).sum();
  }
}
