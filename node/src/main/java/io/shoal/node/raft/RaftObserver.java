package io.shoal.node.raft;

/**
 * What the Raft adapters report to an observer (the node's metrics): leadership changes and apply batches. A plain
 * interface so this package stays free of any metrics library. Calls come from jraft's FSM threads, so
 * implementations must be quick and must never throw or block; nothing they do may reach the state machines.
 */
public interface RaftObserver {
  RaftObserver NONE = new RaftObserver() {
    @Override
    public void leaderChanged(String group, boolean self) {
    }

    @Override
    public void applied(String group, int entries, long nanos) {
    }
  };

  /**
   * A new leader for {@code group} as this replica sees it: it became leader itself ({@code self}) or started
   * following a new leader. Every election a replica takes part in is reported once.
   */
  void leaderChanged(String group, boolean self);

  /** One batch of {@code entries} committed entries applied to a data group in {@code nanos}. */
  void applied(String group, int entries, long nanos);
}
