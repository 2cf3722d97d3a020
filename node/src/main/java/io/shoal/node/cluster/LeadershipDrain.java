package io.shoal.node.cluster;

import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.Replica;
import io.shoal.proto.NodeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a graceful stop (SIGTERM): hands every leadership this node holds, data groups and the
 * metadata group, to a live replica in another zone, and waits until this node leads nothing, so clients see a
 * leader change of a few milliseconds instead of an election timeout. The target must be caught up: jraft's
 * {@code transferLeadershipTo} first brings it to the leader's last index, and meanwhile refuses new proposals
 * (they fail retriably and the router tries again), so no acknowledged write depends on this node afterwards.
 *
 * <p>Bounded by a deadline: a group whose other replicas are all down keeps its leader until the process stops,
 * which then costs that group one election, as a crash would.
 */
public final class LeadershipDrain {
  private static final Logger LOG = LoggerFactory.getLogger(LeadershipDrain.class);

  private final RaftHost host;
  private final NodeDirectory directory;
  private final String selfZone;
  private final LongSupplier clockMillis;
  private final long retryMillis;

  /**
   * @param retryMillis how long one transfer may take before it is asked again (jraft gives up after an election
   *     timeout)
   */
  public LeadershipDrain(RaftHost host, NodeDirectory directory, String selfZone, LongSupplier clockMillis,
      long retryMillis) {
    this.host = host;
    this.directory = directory;
    this.selfZone = selfZone;
    this.clockMillis = clockMillis;
    this.retryMillis = retryMillis;
  }

  /** Groups this node leads now. */
  public List<Replica<?>> led() {
    return host.replicas().values().stream().filter(Replica::isLeader).sorted(Comparator.comparing(
        Replica::groupName)).toList();
  }

  /** Transfers every leadership away; returns the groups still led when {@code timeoutMillis} ran out. */
  public List<String> run(long timeoutMillis) throws InterruptedException {
    long deadline = clockMillis.getAsLong() + timeoutMillis;
    List<String> lastTry = new ArrayList<>();
    long lastAsked = Long.MIN_VALUE;
    while (true) {
      List<Replica<?>> led = led();
      if (led.isEmpty()) {
        return List.of();
      }
      long now = clockMillis.getAsLong();
      if (now >= deadline) {
        List<String> left = led.stream().map(Replica::groupName).toList();
        LOG.warn("drain: still leading {} after {} ms; stopping anyway (those groups elect a new leader)", left,
            timeoutMillis);
        return left;
      }
      List<String> names = led.stream().map(Replica::groupName).toList();
      if (!names.equals(lastTry) || now - lastAsked >= retryMillis) {
        for (Replica<?> r : led) {
          Optional<String> target = target(r);
          if (target.isEmpty()) {
            LOG.warn("drain: group {} has no live replica to take over", r.groupName());
            continue;
          }
          boolean asked = r.transferLeadershipTo(target.get());
          LOG.info("drain: group {} leadership -> {} ({})", r.groupName(), target.get(), asked ? "started" : "refused");
        }
        lastTry = names;
        lastAsked = now;
      }
      Thread.sleep(20);
    }
  }

  /**
   * A live peer, preferring another zone than this node's (with three replicas in three zones every peer is in
   * another zone; the preference matters for the metadata group or a misplaced replica).
   */
  Optional<String> target(Replica<?> r) {
    String self = host.selfAddress();
    List<String> alive = r.alivePeers().stream().filter(p -> !p.equals(self)).toList();
    return alive.stream().min(Comparator.comparing((String p) -> sameZone(p) ? 1 : 0).thenComparing(p -> p));
  }

  private boolean sameZone(String raftAddress) {
    return directory.byRaftAddress(raftAddress).map(NodeInfo::getZone).map(selfZone::equals).orElse(false);
  }
}
