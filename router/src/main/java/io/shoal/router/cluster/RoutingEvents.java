package io.shoal.router.cluster;

/**
 * What the cluster client tells an observer (metrics) about routing trouble. Kept as a plain interface so the
 * cluster package stays free of any metrics library; implementations must be cheap and must not block, since they
 * run on gRPC callback threads.
 */
public interface RoutingEvents {
  /** Why a group request was sent again. A small fixed set, so it can be a metrics label. */
  enum Retry {
    /** NOT_LEADER with a hint: the request follows the hint at once. */
    LEADER_REDIRECT,
    /** NOT_LEADER without a hint: the group is electing; try its other replicas with backoff. */
    NO_LEADER,
    /** The node did not answer (connection refused, deadline): try the group's other replicas. */
    UNREACHABLE,
    /** GROUP_NOT_FOUND, EPOCH_MISMATCH or no address for a replica: the partition map is refreshed first. */
    STALE_MAP,
    /** The node said BUSY: same node again after a backoff. */
    BUSY;

    /** The label value: lower case, as Prometheus label values usually are. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  RoutingEvents NONE = reason -> { };

  void retried(Retry reason);
}
