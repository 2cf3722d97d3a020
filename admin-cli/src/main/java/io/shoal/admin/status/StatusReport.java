package io.shoal.admin.status;

import java.util.List;

/**
 * Everything `shoal status` knows, in the shape of its JSON output. Field names are a contract for
 * scripts: add fields, never rename or remove them. Absent values are null, never missing.
 *
 * @param reachable whether a metadata node answered; if not, only {@code processes} is filled in
 * @param healthy no entry in {@code problems}
 */
public record StatusReport(
    int format,
    String dataDir,
    boolean reachable,
    String error,
    String answeredBy,
    String metaLeader,
    Long partitionMapVersion,
    String summary,
    boolean healthy,
    List<String> problems,
    List<NodeRow> nodes,
    List<GroupRow> groups,
    RouterRow router,
    List<ProcessRow> processes,
    List<IndexRow> indexes) {

  public static final int FORMAT = 1;

  /**
   * @param registered the metadata group knows the node
   * @param up the metadata group considers it alive (heartbeats)
   * @param process "running", "dead" (recorded running, but gone), "stopped", or null if not local
   */
  public record NodeRow(String id, String zone, String raftAddress, String grpcAddress,
      boolean registered, boolean up, Long heartbeatAgeMs, Long pid, String process) {}

  /** @param hashStart hash range start, 16 hex digits; {@code hashEnd} exclusive, 2^64 as 1 + 16 zeros */
  public record GroupRow(int id, String hashStart, String hashEnd, long epoch,
      List<ReplicaRow> replicas, String leader, int zones, List<String> problems,
      List<String> notes) {}

  public record ReplicaRow(String node, String zone, boolean leader, boolean preferredLeader,
      boolean up) {}

  /** @param serving answered ListTables with 200; null if not asked */
  public record RouterRow(String endpoint, Long pid, String process, Boolean serving) {}

  /**
   * A global secondary index's replication from its base table: how many groups finished the backfill, and the
   * worst group's backlog (change-log records not yet shipped, age of the oldest unshipped write).
   */
  public record IndexRow(String table, String index, String status, int groupsBackfilled, int groups,
      long recordsBehind, double secondsBehind) {}

  public record ProcessRow(String name, String role, Long pid, String recordedState,
      boolean running, List<Integer> ports, String log) {}
}
