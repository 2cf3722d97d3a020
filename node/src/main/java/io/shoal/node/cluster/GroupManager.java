package io.shoal.node.cluster;

import io.shoal.node.group.GroupRange;
import io.shoal.node.raft.DataReplica;
import io.shoal.node.raft.RaftHost;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.MetaSnapshot;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the data group replicas the partition map assigns to this node. The last map seen is saved beside the
 * data, so after a restart the node brings its groups back at once, even while the metadata group is down.
 */
public final class GroupManager {
  private static final Logger LOG = LoggerFactory.getLogger(GroupManager.class);

  private final String nodeId;
  private final Path mapFile;
  private final RaftHost host;
  private final RocksStorageEngine engine;
  private final NodeDirectory directory;
  private final Map<Integer, GroupInfo> hosted = new ConcurrentHashMap<>();
  private volatile PartitionMap map = PartitionMap.getDefaultInstance();
  private List<NodeInfo> nodes = List.of();

  public GroupManager(String nodeId, Path dataDir, RaftHost host, RocksStorageEngine engine, NodeDirectory dir) {
    this.nodeId = nodeId;
    this.mapFile = dataDir.resolve("partition-map.pb");
    this.host = host;
    this.engine = engine;
    this.directory = dir;
  }

  /** Restores the groups of the last saved map. */
  public void startSaved() {
    if (!Files.exists(mapFile)) {
      return;
    }
    try {
      MetaSnapshot saved = MetaSnapshot.parseFrom(Files.readAllBytes(mapFile));
      directory.update(saved.getNodesList());
      nodes = saved.getNodesList();
      apply(saved.getPartitionMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mapFile, e);
    }
  }

  public PartitionMap map() {
    return map;
  }

  /** How many groups of the current partition map have a replica on this node (started or not yet). */
  public int assignedGroups() {
    return countAssigned(map);
  }

  public Optional<GroupInfo> hostedGroup(int groupId) {
    return Optional.ofNullable(hosted.get(groupId));
  }

  /** Called with each heartbeat answer: the metadata leader's map and node list. */
  public synchronized void onClusterState(PartitionMap newMap, List<NodeInfo> newNodes) {
    directory.update(newNodes);
    boolean nodesChanged = !newNodes.equals(nodes);
    nodes = newNodes;
    if (newMap.getVersion() > map.getVersion() || nodesChanged) {
      save(newMap);
    }
    if (newMap.getVersion() > map.getVersion() || hosted.size() < countAssigned(newMap)) {
      apply(newMap);
    }
  }

  private int countAssigned(PartitionMap m) {
    int n = 0;
    for (GroupInfo g : m.getGroupsList()) {
      if (g.getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(nodeId))) {
        n++;
      }
    }
    return n;
  }

  private void apply(PartitionMap newMap) {
    map = newMap;
    for (GroupInfo g : newMap.getGroupsList()) {
      if (hosted.containsKey(g.getId()) || g.getReplicasList().stream().noneMatch(r -> r.getNodeId().equals(nodeId))) {
        continue;
      }
      List<String> peers = new ArrayList<>();
      for (Replica r : g.getReplicasList()) {
        Optional<String> addr = directory.byId(r.getNodeId()).map(n -> n.getRaftAddress());
        if (addr.isEmpty()) {
          LOG.warn("group {}: address of replica {} unknown yet", g.getId(), r.getNodeId());
          peers = null;
          break;
        }
        peers.add(addr.get());
      }
      if (peers == null) {
        continue;
      }
      DataReplica replica = host.startDataGroup(new GroupRange(g.getId(), g.getHashStart(), g.getHashEnd()), peers,
          engine);
      hosted.put(g.getId(), g);
      LOG.info("started replica of group {} with peers {}", replica.groupId(), peers);
    }
  }

  private void save(PartitionMap m) {
    try {
      Path tmp = mapFile.resolveSibling(mapFile.getFileName() + ".tmp");
      Files.write(tmp, MetaSnapshot.newBuilder().setPartitionMap(m).addAllNodes(nodes).build().toByteArray());
      Files.move(tmp, mapFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + mapFile, e);
    }
  }
}
