package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.router.cluster.Cluster;

/**
 * Benchmark access to the router's Query/Scan page response ({@link ReadPages#response}, package-private). Lives in
 * the benchmarks module under the router's package so the benchmark runs the production code rather than a copy;
 * it adds nothing to the router itself.
 */
public final class QueryResponses {
  private static final ReadPages.ReadExpressions NO_FILTER_NO_PROJECTION = new ReadPages.ReadExpressions(null, null);

  private QueryResponses() {}

  /** The response body of one page: Items, Count, ScannedCount and LastEvaluatedKey, as QueryScanApi builds it. */
  public static ObjectNode page(Cluster.Page page) {
    return ReadPages.response(page, false, NO_FILTER_NO_PROJECTION);
  }
}
