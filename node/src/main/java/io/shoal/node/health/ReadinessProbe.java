package io.shoal.node.health;

import io.shoal.node.cluster.GroupManager;
import io.shoal.node.cluster.Heartbeater;
import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.raft.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Feeds {@link NodeReadiness} from the live node. Cheap enough to run on every probe and scrape. */
public final class ReadinessProbe implements Supplier<NodeReadiness.Status> {
  private final NodeReadiness rule = new NodeReadiness();
  private final Heartbeater heartbeater;
  private final GroupManager groups;
  private final RaftHost host;

  public ReadinessProbe(Heartbeater heartbeater, GroupManager groups, RaftHost host) {
    this.heartbeater = heartbeater;
    this.groups = groups;
    this.host = host;
  }

  @Override
  public NodeReadiness.Status get() {
    List<NodeReadiness.GroupProgress> hosted = new ArrayList<>();
    for (Replica<?> r : host.replicas().values()) {
      if (r instanceof DataReplica d) {
        hosted.add(new NodeReadiness.GroupProgress(d.groupName(), d.leaderRaftAddress() != null, d.committedIndex(),
            d.appliedIndex()));
      }
    }
    return rule.evaluate(heartbeater.reported(), groups.map().getGroupsCount() > 0, groups.assignedGroups(), hosted);
  }
}
