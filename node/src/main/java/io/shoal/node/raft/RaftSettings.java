package io.shoal.node.raft;

/**
 * Raft tuning shared by every group on a node.
 *
 * @param electionTimeoutMs follower timeout before it starts an election; failover takes roughly 1-2x this
 * @param snapshotIntervalSecs how often each group snapshots (and so truncates its log)
 * @param sync fsync the Raft log before acknowledging; false only for throwaway benchmarks (documented option)
 * @param sharedLog keep every group's log in the node's one {@link SharedLogStore} (default); false gives each
 *     replica jraft's own RocksDB log, kept only to measure the difference (docs/design/0001)
 * @param readLease a leader answers read barriers (strongly consistent reads) from its lease instead of a heartbeat
 *     round to a majority, while the lease holds (see {@link Replica#readBarrier()} for when that is safe)
 */
public record RaftSettings(int electionTimeoutMs, int snapshotIntervalSecs, boolean sync, boolean sharedLog,
    boolean readLease) {
  public static RaftSettings defaults() {
    return new RaftSettings(1000, 300, true, true, true);
  }
}
