package io.shoal.admin.bench.load;

import java.util.Map;
import java.util.TreeMap;

/** A snapshot of one op kind's counters; a measured window is the difference of two snapshots. */
record Counts(long ok, long conditionFailed, long items, long unprocessed, Map<String, Long> errors) {
  static final Counts ZERO = new Counts(0, 0, 0, 0, Map.of());

  long completed() {
    return ok + conditionFailed;
  }

  long errorTotal() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  Counts minus(Counts earlier) {
    Map<String, Long> e = new TreeMap<>();
    errors.forEach((k, v) -> {
      long d = v - earlier.errors.getOrDefault(k, 0L);
      if (d > 0) {
        e.put(k, d);
      }
    });
    return new Counts(ok - earlier.ok, conditionFailed - earlier.conditionFailed, items - earlier.items,
        unprocessed - earlier.unprocessed, e);
  }
}
