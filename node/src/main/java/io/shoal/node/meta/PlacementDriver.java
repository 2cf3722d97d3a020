package io.shoal.node.meta;

import io.shoal.core.placement.Placement;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.MetaCommand;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.SetPartitionMapCommand;
import io.shoal.node.raft.MetaReplica;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the metadata leader: once enough live nodes in three zones have registered, creates the partition map
 * (every group's three replicas in distinct zones, preferred leaders spread evenly).
 */
public final class PlacementDriver {
  private static final Logger LOG = LoggerFactory.getLogger(PlacementDriver.class);

  private final MetaReplica replica;
  private final Liveness liveness;
  private final int groupCount;
  private final int minNodes;

  public PlacementDriver(MetaReplica replica, Liveness liveness, int groupCount, int minNodes) {
    this.replica = replica;
    this.liveness = liveness;
    this.groupCount = groupCount;
    this.minNodes = minNodes;
  }

  /** One step; called periodically. */
  public void tick() {
    if (!replica.isLeader()) {
      return;
    }
    PartitionMap current = replica.state().partitionMap();
    if (current.getGroupsCount() > 0) {
      return;
    }
    List<NodeInfo> alive = replica.state().nodes().stream().filter(n -> liveness.isAlive(n.getId()))
        .collect(Collectors.toList());
    long zones = alive.stream().map(NodeInfo::getZone).distinct().count();
    if (alive.size() < minNodes || zones < Placement.REPLICAS) {
      return;
    }
    PartitionMap map = PartitionMap.newBuilder().addAllGroups(Placement.place(alive, groupCount)).build();
    LOG.info("creating partition map: {} groups over {} nodes in {} zones", groupCount, alive.size(), zones);
    replica.propose(MetaCommand.newBuilder().setVersion(CommandVersion.V1)
        .setSetPartitionMap(SetPartitionMapCommand.newBuilder().setMap(map).setExpectedVersion(current.getVersion()))
        .build());
  }
}
