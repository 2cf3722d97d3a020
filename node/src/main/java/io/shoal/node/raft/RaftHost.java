package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.NodeManager;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import io.shoal.node.group.GroupRange;
import io.shoal.node.group.GroupStateMachine;
import io.shoal.node.meta.MetaState;
import io.shoal.node.storage.RocksStorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs many Raft groups in one process behind one jraft RPC endpoint, with shared timers and the shared log store
 * (see JRAFT-FACTS: unshared timers cost 4 wheel timers per replica). Its data groups also share one thread that
 * writes their snapshot files ({@link SnapshotExports}), so a node exports one group at a time.
 */
public final class RaftHost implements AutoCloseable {
  public static final String META_GROUP = "meta";

  private final PeerId self;
  private final String bindHost;
  private final Path raftDir;
  private final SharedLogStore logs;
  private final RaftSettings settings;
  private final RaftObserver observer;
  private final SnapshotExports snapshotExports;
  private RpcServer rpcServer;
  private final Map<String, Replica<?>> replicas = new ConcurrentHashMap<>();

  public RaftHost(String host, int raftPort, Path raftDir, SharedLogStore logs, RaftSettings settings) {
    this(host, raftPort, raftDir, logs, settings, RaftObserver.NONE);
  }

  public RaftHost(String host, int raftPort, Path raftDir, SharedLogStore logs, RaftSettings settings,
      RaftObserver observer) {
    this(host, host, raftPort, raftDir, logs, settings, observer);
  }

  /**
   * @param advertisedHost this replica's identity in every group's configuration (what peers dial)
   * @param bindHost the address the Raft endpoint listens on; differs in containers (0.0.0.0 vs a DNS name)
   */
  public RaftHost(String advertisedHost, String bindHost, int raftPort, Path raftDir, SharedLogStore logs,
      RaftSettings settings, RaftObserver observer) {
    this.self = new PeerId(new Endpoint(advertisedHost, raftPort), 0);
    this.bindHost = bindHost;
    this.raftDir = raftDir;
    this.logs = logs;
    this.settings = settings;
    this.observer = observer;
    this.snapshotExports = new SnapshotExports(self.getEndpoint().toString());
  }

  public static String dataGroupName(int groupId) {
    return "g" + groupId;
  }

  public String selfAddress() {
    return self.getEndpoint().toString();
  }

  public synchronized void start() {
    // jraft's factory binds Bolt to every interface; bind only the configured address (tests use loopback only).
    // jraft knows the node by its advertised endpoint (NodeManager must list it), whatever address Bolt binds.
    rpcServer = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(bindHost, self.getEndpoint().getPort(),
        true));
    RaftRpcServerFactory.addRaftRequestProcessors(rpcServer);
    if (!rpcServer.init(null)) {
      throw new IllegalStateException("cannot start Raft RPC server on " + self.getEndpoint());
    }
    NodeManager.getInstance().addAddress(self.getEndpoint());
  }

  public synchronized DataReplica startDataGroup(GroupRange range, List<String> peers, RocksStorageEngine engine) {
    String name = dataGroupName(range.groupId());
    Replica<?> existing = replicas.get(name);
    if (existing != null) {
      return (DataReplica) existing;
    }
    DataGroupFsm fsm = new DataGroupFsm(new GroupStateMachine(range, engine), engine, snapshotExports, observer);
    DataReplica replica = new DataReplica(startNode(name, fsm, peers), fsm, settings.readLease());
    replicas.put(name, replica);
    return replica;
  }

  public synchronized MetaReplica startMetaGroup(List<String> peers, MetaState state) {
    MetaFsm fsm = new MetaFsm(state, observer);
    MetaReplica replica = new MetaReplica(startNode(META_GROUP, fsm, peers), fsm, state, settings.readLease());
    replicas.put(META_GROUP, replica);
    return replica;
  }

  private Node startNode(String group, StateMachineAdapter fsm, List<String> peers) {
    Path dir = raftDir.resolve(group);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + dir, e);
    }
    NodeOptions opts = new NodeOptions();
    opts.setElectionTimeoutMs(settings.electionTimeoutMs());
    opts.setSnapshotIntervalSecs(settings.snapshotIntervalSecs());
    opts.setSharedElectionTimer(true);
    opts.setSharedVoteTimer(true);
    opts.setSharedStepDownTimer(true);
    opts.setSharedSnapshotTimer(true);
    opts.setSharedTimerPool(true);
    opts.setRpcProcessorThreadPoolSize(4);
    opts.setFsm(fsm);
    opts.setInitialConf(toConf(peers));
    if (settings.sharedLog()) {
      opts.setLogUri("shared-log:" + group);
      opts.setServiceFactory(new SharedLogServiceFactory(logs, group));
    } else {
      opts.setLogUri(dir.resolve("log").toString());
    }
    opts.setRaftMetaUri(dir.resolve("meta").toString());
    opts.setSnapshotUri(dir.resolve("snapshot").toString());
    RaftOptions raft = new RaftOptions();
    raft.setSync(settings.sync());
    // jraft leaves term/votedFor unsynced by default; a node that forgets its vote can vote twice in a term.
    raft.setSyncMeta(true);
    raft.setDisruptorBufferSize(1024);
    opts.setRaftOptions(raft);
    Node node = RaftServiceFactory.createAndInitRaftNode(group, self, opts);
    if (node == null) {
      throw new IllegalStateException("cannot start raft group " + group);
    }
    return node;
  }

  private static Configuration toConf(List<String> peers) {
    Configuration conf = new Configuration();
    for (String p : peers) {
      conf.addPeer(PeerId.parsePeer(p));
    }
    return conf;
  }

  public Map<String, Replica<?>> replicas() {
    return replicas;
  }

  public DataReplica dataReplica(int groupId) {
    return (DataReplica) replicas.get(dataGroupName(groupId));
  }

  public MetaReplica metaReplica() {
    return (MetaReplica) replicas.get(META_GROUP);
  }

  SnapshotExports snapshotExports() {
    return snapshotExports;
  }

  /**
   * Stops every group. Callers close the item store only after this returns: no snapshot export reads it any more.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    // Exports first: queued ones are cancelled, the running one finishes. Stopping the groups first would make each
    // wait (in jraft's join) for its save, behind every export queued before it. A group whose snapshot timer fires
    // after this is refused at once.
    snapshotExports.close();
    replicas.values().forEach(Replica::shutdown);
    replicas.clear();
    if (rpcServer != null) {
      // Bolt throws on a second shutdown; close() may run twice (a test, then its cleanup).
      rpcServer.shutdown();
      rpcServer = null;
    }
  }
}
