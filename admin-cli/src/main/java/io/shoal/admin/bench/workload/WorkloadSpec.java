package io.shoal.admin.bench.workload;

/**
 * The knobs a workload reads: its table, how many records it spreads over, item size, Query {@code Limit},
 * the key space and limit of cond-increment's counters, and the seed every random choice derives from.
 */
public record WorkloadSpec(String table, int records, int itemSize, int queryLimit, int counterKeys,
    long counterLimit, long seed) {}
