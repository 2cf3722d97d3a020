package io.shoal.node.cluster;

import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.Replica;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.HeartbeatRequest;
import io.shoal.proto.HeartbeatResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.TableTotals;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports this node (address, zone, groups it leads) to the metadata leader and feeds the answer (partition map,
 * node list) to the {@link GroupManager}. Finds the leader through the seeds and NOT_LEADER hints.
 */
public final class Heartbeater {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeater.class);

  private final NodeInfo self;
  private final List<String> seeds;
  private final RaftHost host;
  private final GroupManager groups;
  private final NodeDirectory directory;
  private final StatsReporter stats;
  private final io.shoal.node.index.IndexCatalog indexCatalog;
  private final java.util.function.Supplier<List<io.shoal.proto.IndexProgress>> indexProgress;
  private volatile String target;
  private int seedCursor;
  private volatile boolean reported;

  public Heartbeater(NodeInfo self, List<String> seeds, RaftHost host, GroupManager groups, NodeDirectory dir,
      StatsReporter stats) {
    this(self, seeds, host, groups, dir, stats, new io.shoal.node.index.IndexCatalog(), List::of);
  }

  public Heartbeater(NodeInfo self, List<String> seeds, RaftHost host, GroupManager groups, NodeDirectory dir,
      StatsReporter stats, io.shoal.node.index.IndexCatalog indexCatalog,
      java.util.function.Supplier<List<io.shoal.proto.IndexProgress>> indexProgress) {
    this.indexCatalog = indexCatalog;
    this.indexProgress = indexProgress;
    this.self = self;
    this.stats = stats;
    this.seeds = seeds;
    this.host = host;
    this.groups = groups;
    this.directory = dir;
  }

  /** True once the metadata leader has answered at least one heartbeat. */
  public boolean reported() {
    return reported;
  }

  public void tick() {
    HeartbeatRequest.Builder req = HeartbeatRequest.newBuilder().setNode(self);
    Set<Integer> led = new HashSet<>();
    for (Replica<?> r : host.replicas().values()) {
      if (r instanceof DataReplica d && d.isLeader() && d.leaderTerm() > 0) {
        req.addLeading(GroupLeader.newBuilder().setGroupId(d.groupId()).setNodeId(self.getId())
            .setTerm(d.leaderTerm()));
        led.add(d.groupId());
      }
    }
    // Totals only for groups still led now, so a report never outlives the leadership it was counted under.
    for (TableTotals t : stats.latest()) {
      if (led.contains(t.getGroupId())) {
        req.addTotals(t);
      }
    }
    for (io.shoal.proto.IndexProgress p : indexProgress.get()) {
      if (led.contains(p.getGroupId())) {
        req.addIndexProgress(p);
      }
    }
    for (int hop = 0; hop < 3; hop++) {
      String addr = target != null ? target : seeds.get(Math.floorMod(seedCursor++, seeds.size()));
      try {
        HeartbeatResponse resp = MetaServiceGrpc.newBlockingStub(directory.channel(addr))
            .withDeadlineAfter(1, TimeUnit.SECONDS).heartbeat(req.build());
        if (resp.hasError()) {
          target = resp.getError().getCode() == ErrorCode.NOT_LEADER && !resp.getError().getLeaderHint().isEmpty()
              ? resp.getError().getLeaderHint() : null;
          continue;
        }
        target = addr;
        reported = true;
        groups.onClusterState(resp.getPartitionMap(), resp.getNodesList());
        indexCatalog.update(resp.getIndexedTablesList(), resp.getNextTableId());
        return;
      } catch (RuntimeException e) {
        LOG.debug("heartbeat to {} failed: {}", addr, e.toString());
        target = null;
      }
    }
  }
}
