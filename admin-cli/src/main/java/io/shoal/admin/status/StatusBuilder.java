package io.shoal.admin.status;

import io.shoal.admin.local.ClusterFile;
import io.shoal.admin.local.ProcessRecord;
import io.shoal.admin.status.StatusReport.GroupRow;
import io.shoal.admin.status.StatusReport.NodeRow;
import io.shoal.admin.status.StatusReport.ProcessRow;
import io.shoal.admin.status.StatusReport.ReplicaRow;
import io.shoal.admin.status.StatusReport.RouterRow;
import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.Replica;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds a {@link StatusReport} from a cluster view and the local cluster.json. Judgements live here
 * (what counts as a problem, the summary line) so text and JSON always agree.
 */
public final class StatusBuilder {

  private StatusBuilder() {}

  /**
   * @param running for each recorded process name, whether it runs now
   * @param routerServing whether the router answered ListTables; null if not asked
   * @param nowMs wall clock, for heartbeat ages
   */
  public static StatusReport build(ClusterView view, String answeredBy, String dataDir,
      Optional<ClusterFile> file, Map<String, Boolean> running, Boolean routerServing, long nowMs) {
    Map<String, NodeStatus> registered = new HashMap<>();
    view.getNodesList().forEach(n -> registered.put(n.getNode().getId(), n));
    Map<String, ProcessRecord> local = new LinkedHashMap<>();
    file.ifPresent(f -> f.nodes().forEach(p -> local.put(p.name(), p)));

    TreeSet<String> ids = new TreeSet<>(NodeIds.NATURAL);
    ids.addAll(registered.keySet());
    ids.addAll(local.keySet());
    List<NodeRow> nodes = new ArrayList<>();
    for (String id : ids) {
      nodes.add(nodeRow(id, registered.get(id), local.get(id), running, nowMs));
    }
    Map<String, String> zoneOf = new HashMap<>();
    local.values().forEach(p -> zoneOf.put(p.name(), p.zone()));
    registered.forEach((id, n) -> zoneOf.put(id, n.getNode().getZone()));
    Map<String, Boolean> up = new HashMap<>();
    registered.forEach((id, n) -> up.put(id, n.getAlive()));

    Map<Integer, String> leaders = new HashMap<>();
    for (GroupLeader l : view.getLeadersList()) {
      if (!l.getNodeId().isEmpty()) {
        leaders.put(l.getGroupId(), l.getNodeId());
      }
    }
    List<GroupInfo> infos = view.getPartitionMap().getGroupsList().stream()
        .sorted(Comparator.comparingInt(GroupInfo::getId)).toList();
    int rf = infos.stream().mapToInt(GroupInfo::getReplicasCount).max().orElse(0);
    List<GroupRow> groups = infos.stream()
        .map(g -> groupRow(g, leaders.get(g.getId()), zoneOf, up, rf)).toList();

    Optional<RouterRow> router = file.flatMap(ClusterFile::router).map(r -> new RouterRow(
        "http://" + r.host() + ":" + r.httpPort(), r.pid(), processState(r, running),
        routerServing));

    List<String> problems = new ArrayList<>();
    if (view.getMetaLeader().isEmpty()) {
      problems.add("no metadata leader");
    }
    for (NodeRow n : nodes) {
      if (!n.registered()) {
        problems.add("node " + n.id() + " has not registered with the metadata group");
      } else if (!n.up()) {
        problems.add("node " + n.id() + " is down");
      }
      if ("dead".equals(n.process())) {
        problems.add("process " + n.id() + " (pid " + n.pid() + ") has exited");
      }
    }
    if (infos.isEmpty()) {
      problems.add("no partition map yet");
    }
    for (GroupRow g : groups) {
      g.problems().forEach(p -> problems.add("group " + g.id() + ": " + p));
    }
    router.filter(r -> Boolean.FALSE.equals(r.serving()))
        .ifPresent(r -> problems.add("router at " + r.endpoint() + " does not answer ListTables"));

    return new StatusReport(StatusReport.FORMAT, dataDir, true, null, answeredBy,
        view.getMetaLeader().isEmpty() ? null : view.getMetaLeader(),
        view.getPartitionMap().getVersion(), summary(nodes, groups, rf, leaders, up),
        problems.isEmpty(), problems, nodes, groups, router.orElse(null),
        processRows(file, running), indexRows(view));
  }

  /** The report when no metadata node answered: only the local process table. */
  public static StatusReport unreachable(String error, String dataDir, Optional<ClusterFile> file,
      Map<String, Boolean> running) {
    return new StatusReport(StatusReport.FORMAT, dataDir, false, error, null, null, null,
        "cluster not reachable", false, List.of("cluster not reachable: " + error), List.of(),
        List.of(), null, processRows(file, running), List.of());
  }

  static List<StatusReport.IndexRow> indexRows(io.shoal.proto.ClusterView view) {
    List<StatusReport.IndexRow> rows = new java.util.ArrayList<>();
    for (io.shoal.proto.IndexLag l : view.getIndexLagList()) {
      rows.add(new StatusReport.IndexRow(l.getTable(), l.getIndex(), l.getStatus(), l.getGroupsBackfilled(),
          l.getGroups(), l.getRecordsBehind(), l.getMillisBehind() / 1000.0));
    }
    return rows;
  }

  /** "3 nodes (3 up) in zones a,b,c; 6 groups, all with 3 replicas in 3 zones, all with a leader". */
  static String summary(List<NodeRow> nodes, List<GroupRow> groups, int rf,
      Map<Integer, String> leaders, Map<String, Boolean> up) {
    List<NodeRow> reg = nodes.stream().filter(NodeRow::registered).toList();
    TreeSet<String> zones = reg.stream().map(NodeRow::zone)
        .collect(Collectors.toCollection(TreeSet::new));
    StringBuilder s = new StringBuilder();
    s.append(plural(reg.size(), "node")).append(" (")
        .append(reg.stream().filter(NodeRow::up).count()).append(" up)");
    if (!zones.isEmpty()) {
      s.append(zones.size() == 1 ? " in zone " : " in zones ").append(String.join(",", zones));
    }
    s.append("; ");
    if (groups.isEmpty()) {
      return s.append("no groups").toString();
    }
    s.append(plural(groups.size(), "group")).append(", ");
    String shape = "with " + plural(rf, "replica") + " in " + plural(rf, "zone");
    List<GroupRow> misplaced = groups.stream().filter(g -> !placedWell(g, rf)).toList();
    if (misplaced.isEmpty()) {
      s.append("all ").append(shape);
    } else {
      s.append(groups.size() - misplaced.size()).append(" of ").append(groups.size()).append(' ')
          .append(shape).append(" (").append(misplaced.stream()
              .map(g -> "group " + g.id() + ": " + String.join(", ", placementProblems(g, rf)))
              .collect(Collectors.joining("; "))).append(')');
    }
    List<String> leaderless = groups.stream().filter(g -> !isLed(g, up))
        .map(g -> Integer.toString(g.id())).toList();
    if (leaderless.isEmpty()) {
      s.append(", all with a leader");
    } else {
      s.append(", ").append(groups.size() - leaderless.size()).append(" of ")
          .append(groups.size()).append(" with a leader (none: ")
          .append(leaderless.size() == 1 ? "group " : "groups ")
          .append(String.join(",", leaderless)).append(')');
    }
    return s.toString();
  }

  private static NodeRow nodeRow(String id, NodeStatus status, ProcessRecord proc,
      Map<String, Boolean> running, long nowMs) {
    boolean reg = status != null;
    Long age = reg && status.getLastHeartbeatMs() > 0
        ? Math.max(0, nowMs - status.getLastHeartbeatMs()) : null;
    String zone = reg ? status.getNode().getZone() : proc.zone();
    String raft = reg ? status.getNode().getRaftAddress() : proc.host() + ":" + proc.raftPort();
    String grpc = reg ? status.getNode().getGrpcAddress() : proc.host() + ":" + proc.grpcPort();
    return new NodeRow(id, zone, raft, grpc, reg, reg && status.getAlive(), age,
        proc == null ? null : proc.pid(), proc == null ? null : processState(proc, running));
  }

  private static GroupRow groupRow(GroupInfo g, String leader, Map<String, String> zoneOf,
      Map<String, Boolean> up, int rf) {
    List<ReplicaRow> replicas = new ArrayList<>();
    for (Replica r : g.getReplicasList()) {
      replicas.add(new ReplicaRow(r.getNodeId(), zoneOf.getOrDefault(r.getNodeId(), "?"),
          r.getNodeId().equals(leader), r.getPreferredLeader(),
          up.getOrDefault(r.getNodeId(), false)));
    }
    int zones = (int) replicas.stream().map(ReplicaRow::zone).distinct().count();
    GroupRow draft = new GroupRow(g.getId(), hex(g.getHashStart()), hexEnd(g.getHashEnd()),
        g.getEpoch(), replicas, leader, zones, List.of(), List.of());
    List<String> problems = new ArrayList<>(placementProblems(draft, rf));
    if (leader == null) {
      problems.add("no leader");
    } else if (!up.getOrDefault(leader, false)) {
      problems.add("leader " + leader + " is down");
    }
    replicas.stream().filter(r -> !r.up() && !r.node().equals(leader))
        .forEach(r -> problems.add("replica " + r.node() + " is down"));
    List<String> notes = new ArrayList<>();
    replicas.stream().filter(ReplicaRow::preferredLeader).findFirst()
        .filter(p -> leader != null && !p.node().equals(leader))
        .ifPresent(p -> notes.add("leader is not the preferred " + p.node()));
    return new GroupRow(draft.id(), draft.hashStart(), draft.hashEnd(), draft.epoch(), replicas,
        leader, zones, problems, notes);
  }

  /** Fewer replicas than the others, or two replicas in one zone. */
  static List<String> placementProblems(GroupRow g, int rf) {
    List<String> out = new ArrayList<>();
    if (g.replicas().size() < rf) {
      out.add("only " + g.replicas().size() + " of " + rf + " replicas");
    }
    Map<String, List<String>> byZone = new TreeMap<>();
    g.replicas().forEach(r -> byZone.computeIfAbsent(r.zone(), z -> new ArrayList<>()).add(r.node()));
    byZone.forEach((zone, members) -> {
      if (members.size() > 1) {
        out.add(String.join(",", members) + " share zone " + zone);
      }
    });
    return out;
  }

  private static boolean placedWell(GroupRow g, int rf) {
    return placementProblems(g, rf).isEmpty();
  }

  private static boolean isLed(GroupRow g, Map<String, Boolean> up) {
    return g.leader() != null && up.getOrDefault(g.leader(), false);
  }

  private static String processState(ProcessRecord p, Map<String, Boolean> running) {
    if (running.getOrDefault(p.name(), false)) {
      return "running";
    }
    return p.state() == ProcessRecord.State.RUNNING ? "dead" : "stopped";
  }

  private static List<ProcessRow> processRows(Optional<ClusterFile> file,
      Map<String, Boolean> running) {
    return file.map(f -> f.processes().stream().map(p -> new ProcessRow(p.name(),
        p.role().name().toLowerCase(), p.pid(), p.state().name().toLowerCase(),
        running.getOrDefault(p.name(), false), p.ports(), p.log())).toList()).orElse(List.of());
  }

  static String hex(long v) {
    return String.format("%016x", v);
  }

  /** hash_end 0 means 2^64. */
  static String hexEnd(long v) {
    return v == 0 ? "10000000000000000" : hex(v);
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
