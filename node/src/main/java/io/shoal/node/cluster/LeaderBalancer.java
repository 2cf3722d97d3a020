package io.shoal.node.cluster;

import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.Replica;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.NodeInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands leadership of each group back to its preferred replica (set by placement so leaders are spread evenly)
 * once that replica is alive again. Waits until this node has led for a while, so a flapping node does not make
 * leadership bounce.
 */
public final class LeaderBalancer {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderBalancer.class);

  private final String nodeId;
  private final RaftHost host;
  private final GroupManager groups;
  private final NodeDirectory directory;
  private final LongSupplier clockMillis;
  private final long settleMillis;
  private final Map<Integer, long[]> ledSince = new HashMap<>();

  public LeaderBalancer(String nodeId, RaftHost host, GroupManager groups, NodeDirectory directory,
      LongSupplier clockMillis, long settleMillis) {
    this.nodeId = nodeId;
    this.host = host;
    this.groups = groups;
    this.directory = directory;
    this.clockMillis = clockMillis;
    this.settleMillis = settleMillis;
  }

  public void tick() {
    long now = clockMillis.getAsLong();
    for (Replica<?> r : host.replicas().values()) {
      if (!(r instanceof DataReplica d)) {
        continue;
      }
      if (!d.isLeader()) {
        ledSince.remove(d.groupId());
        continue;
      }
      long[] since = ledSince.computeIfAbsent(d.groupId(), k -> new long[] {d.leaderTerm(), now});
      if (since[0] != d.leaderTerm()) {
        since[0] = d.leaderTerm();
        since[1] = now;
      }
      if (now - since[1] < settleMillis) {
        continue;
      }
      Optional<GroupInfo> g = groups.hostedGroup(d.groupId());
      Optional<String> preferred = g.flatMap(x -> x.getReplicasList().stream().filter(p -> p.getPreferredLeader())
          .map(p -> p.getNodeId()).findFirst());
      if (preferred.isEmpty() || preferred.get().equals(nodeId)) {
        continue;
      }
      Optional<String> addr = directory.byId(preferred.get()).map(NodeInfo::getRaftAddress);
      if (addr.isPresent() && d.alivePeers().contains(addr.get())) {
        LOG.info("group {}: handing leadership back to preferred replica {}", d.groupId(), preferred.get());
        d.transferLeadershipTo(addr.get());
        since[1] = now;
      }
    }
  }
}
