package io.shoal.admin.bench.report;

/** A preload, reported apart from the results: items written, time taken, batches re-sent or given up. */
public record PreloadResult(String target, String endpoint, String table, long items, double seconds,
    long retriedBatches, long failedBatches) {
  public double itemsPerSecond() {
    return seconds > 0 ? items / seconds : 0;
  }
}
