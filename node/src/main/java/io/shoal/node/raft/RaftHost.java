package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.NodeManager;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.rpc.impl.PingRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.AppendEntriesRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.GetFileRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.InstallSnapshotRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.ReadIndexRequestProcessor;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
  /** Lease answers and their reads run here, off jraft's threads (Replica.leaseRead). */
  private final ExecutorService leaseAnswers = Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
    Thread t = new Thread(r, "shoal-lease-answer");
    t.setDaemon(true);
    return t;
  });
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
    // The guard runs whether or not this node's leaders use the lease: a leader's lease counts on its followers'.
    registerCoreProcessors(rpcServer,
        new VoteGuard(TimeUnit.MILLISECONDS.toNanos(settings.electionTimeoutMs()), System.nanoTime()));
    if (!rpcServer.init(null)) {
      throw new IllegalStateException("cannot start Raft RPC server on " + self.getEndpoint());
    }
    NodeManager.getInstance().addAddress(self.getEndpoint());
  }

  /**
   * Only the processors replication needs. jraft's own set adds its CLI service (add/remove peers, transfer
   * leadership, snapshot) on the Raft port, open to anyone who reaches it, and a transfer started there would go
   * past {@link Replica#transferLeadership}, which the read lease must hear of. Shoal moves leaders through its own
   * gRPC API. Votes, TimeoutNow and AppendEntries go through {@link GuardedProcessors}.
   */
  static void registerCoreProcessors(RpcServer server, VoteGuard guard) {
    AppendEntriesRequestProcessor appendEntries = new GuardedProcessors.Appends(guard);
    server.registerConnectionClosedEventListener(appendEntries);
    server.registerProcessor(appendEntries);
    server.registerProcessor(new GetFileRequestProcessor(null));
    server.registerProcessor(new InstallSnapshotRequestProcessor(null));
    server.registerProcessor(new GuardedProcessors.Votes(guard));
    server.registerProcessor(new PingRequestProcessor(null));
    server.registerProcessor(new GuardedProcessors.TimeoutNow());
    server.registerProcessor(new ReadIndexRequestProcessor(null));
  }

  public synchronized DataReplica startDataGroup(GroupRange range, List<String> peers, RocksStorageEngine engine) {
    String name = dataGroupName(range.groupId());
    Replica<?> existing = replicas.get(name);
    if (existing != null) {
      return (DataReplica) existing;
    }
    DataGroupFsm fsm = new DataGroupFsm(new GroupStateMachine(range, engine), engine, snapshotExports, observer);
    DataReplica replica = new DataReplica(startNode(name, fsm, peers), fsm, newLease(), leaseAnswers);
    replicas.put(name, replica);
    return replica;
  }

  public synchronized MetaReplica startMetaGroup(List<String> peers, MetaState state) {
    MetaFsm fsm = new MetaFsm(state, observer);
    MetaReplica replica = new MetaReplica(startNode(META_GROUP, fsm, peers), fsm, state, newLease(), leaseAnswers);
    replicas.put(META_GROUP, replica);
    return replica;
  }

  /** null when leases are off; else 90% of the election timeout, as jraft's own lease. */
  private LeaderLease newLease() {
    return settings.readLease()
        ? new LeaderLease(TimeUnit.MILLISECONDS.toNanos(settings.electionTimeoutMs()) * 9 / 10)
        : null;
  }

  /**
   * A group with the options every Shoal group gets. Package-private for the Raft ceiling measurement (tests'
   * {@code RaftCeiling}), which runs jraft alone with these options and a trivial state machine.
   */
  Node startNode(String group, StateMachineAdapter fsm, List<String> peers) {
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
    // jraft's default, set because VoteGuard counts on it: a candidate whose votes time out goes back through the
    // pre-vote instead of electing itself again without one.
    raft.setStepDownWhenVoteTimedout(true);
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
    leaseAnswers.shutdown();
    if (rpcServer != null) {
      // Bolt throws on a second shutdown; close() may run twice (a test, then its cleanup).
      rpcServer.shutdown();
      rpcServer = null;
    }
  }
}
