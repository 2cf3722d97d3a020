package io.shoal.admin.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shoal.admin.format.TextTable;
import io.shoal.admin.status.StatusReport.GroupRow;
import io.shoal.admin.status.StatusReport.NodeRow;
import io.shoal.admin.status.StatusReport.ProcessRow;
import io.shoal.admin.status.StatusReport.ReplicaRow;
import io.shoal.admin.status.StatusReport.RouterRow;
import java.util.stream.Collectors;

/** Renders a {@link StatusReport} for people (tables) or scripts (one JSON document). */
public final class StatusFormatter {

  public static final String LEADER_MARK = "*";
  public static final String PREFERRED_MARK = "+";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private StatusFormatter() {}

  public static String json(StatusReport r) {
    try {
      return JSON.writeValueAsString(r) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise status", e);
    }
  }

  public static String text(StatusReport r) {
    StringBuilder out = new StringBuilder();
    if (!r.reachable()) {
      out.append("Cluster not reachable: ").append(r.error()).append('\n');
      out.append(processes(r));
      return out.toString();
    }
    out.append("Nodes\n");
    TextTable nodes = TextTable.left("ID", "ZONE", "RAFT", "GRPC", "STATE", "HEARTBEAT", "PROCESS");
    for (NodeRow n : r.nodes()) {
      nodes.row(n.id(), n.zone(), n.raftAddress(), n.grpcAddress(),
          !n.registered() ? "unregistered" : n.up() ? "up" : "DOWN", age(n.heartbeatAgeMs()),
          process(n.pid(), n.process()));
    }
    out.append(nodes.render("  "));
    out.append("Groups (").append(LEADER_MARK).append(" leader, ").append(PREFERRED_MARK)
        .append(" preferred leader)\n");
    TextTable groups = TextTable.left("GROUP", "HASH RANGE", "EPOCH", "REPLICAS", "LEADER", "NOTES");
    for (GroupRow g : r.groups()) {
      String notes = String.join("; ", g.problems())
          + (g.problems().isEmpty() || g.notes().isEmpty() ? "" : "; ")
          + String.join("; ", g.notes());
      groups.row(Integer.toString(g.id()), "[" + g.hashStart() + ", " + g.hashEnd() + ")",
          Long.toString(g.epoch()),
          g.replicas().stream().map(StatusFormatter::replica).collect(Collectors.joining(" ")),
          g.leader() == null ? "NONE" : g.leader(), notes);
    }
    out.append(groups.render("  "));
    if (!r.indexes().isEmpty()) {
      out.append("Global secondary indexes (replication from the base table's change log)\n");
      TextTable idx = TextTable.left("TABLE", "INDEX", "STATUS", "BACKFILLED", "RECORDS BEHIND", "SECONDS BEHIND");
      for (StatusReport.IndexRow i : r.indexes()) {
        idx.row(i.table(), i.index(), i.status(), i.groupsBackfilled() + "/" + i.groups(),
            Long.toString(i.recordsBehind()), String.format(java.util.Locale.ROOT, "%.3f", i.secondsBehind()));
      }
      out.append(idx.render("  "));
    }
    out.append("Metadata leader: ").append(r.metaLeader() == null ? "NONE" : r.metaLeader())
        .append(" (view from ").append(r.answeredBy()).append(", partition map version ")
        .append(r.partitionMapVersion()).append(")\n");
    if (r.router() != null) {
      RouterRow rt = r.router();
      out.append("Router: ").append(rt.endpoint()).append(' ')
          .append(process(rt.pid(), rt.process()))
          .append(rt.serving() == null ? "" : rt.serving() ? ", serving" : ", NOT answering")
          .append('\n');
    }
    out.append(r.summary()).append('\n');
    if (!r.problems().isEmpty()) {
      out.append("Problems:\n");
      r.problems().forEach(p -> out.append("  - ").append(p).append('\n'));
    }
    return out.toString();
  }

  /** "n1(a)*+": node, zone, then the leader and preferred-leader marks. */
  static String replica(ReplicaRow r) {
    return r.node() + "(" + r.zone() + ")" + (r.leader() ? LEADER_MARK : "")
        + (r.preferredLeader() ? PREFERRED_MARK : "") + (r.up() ? "" : "!down");
  }

  private static String processes(StatusReport r) {
    if (r.processes().isEmpty()) {
      return "No local cluster recorded in " + r.dataDir() + "\n";
    }
    StringBuilder out = new StringBuilder("Local processes (" + r.dataDir() + "/cluster.json)\n");
    TextTable t = TextTable.left("NAME", "ROLE", "PID", "RECORDED", "RUNNING", "PORTS", "LOG");
    for (ProcessRow p : r.processes()) {
      t.row(p.name(), p.role(), p.pid() == null ? "-" : p.pid().toString(), p.recordedState(),
          p.running() ? "yes" : "no",
          p.ports().stream().map(String::valueOf).collect(Collectors.joining(",")), p.log());
    }
    return out.append(t.render("  ")).toString();
  }

  private static String process(Long pid, String state) {
    if (state == null) {
      return "-";
    }
    return (pid == null ? "" : "pid " + pid + " ") + state;
  }

  static String age(Long ms) {
    if (ms == null) {
      return "-";
    }
    if (ms < 10_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs ago", ms / 1000.0);
    }
    if (ms < 120_000) {
      return (ms / 1000) + "s ago";
    }
    return (ms / 60_000) + "m ago";
  }
}
