package io.shoal.admin.local;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One process of a local cluster as recorded in cluster.json.
 *
 * @param name n1..nN for nodes, "router" for the router
 * @param command the full argv the process was (or will be) started with, without any detaching
 *     prefix such as setsid; `start-node` reuses it verbatim
 * @param mainClass the argv element from which {@code command} identifies the process (a Java main
 *     class, or the program for non-Java processes): a live pid is only treated as ours when its argv
 *     from this element on equals ours, which guards against pid reuse
 * @param pid the last pid, kept after the process stops for diagnostics
 * @param state what the CLI last did to it; whether it really runs is {@link Processes#isOurs}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProcessRecord(
    String name,
    Role role,
    String zone,
    String host,
    Integer raftPort,
    Integer grpcPort,
    Integer httpPort,
    List<String> command,
    String mainClass,
    String log,
    Long pid,
    State state,
    String startedAt,
    String stoppedAt) {

  public enum Role { NODE, ROUTER, OTHER }

  public enum State { RUNNING, STOPPED }

  public ProcessRecord {
    command = command == null ? List.of() : List.copyOf(command);
    state = state == null ? State.STOPPED : state;
  }

  public ProcessRecord started(long newPid, Instant at) {
    return new ProcessRecord(name, role, zone, host, raftPort, grpcPort, httpPort, command, mainClass,
        log, newPid, State.RUNNING, at.toString(), null);
  }

  public ProcessRecord stopped(Instant at) {
    return new ProcessRecord(name, role, zone, host, raftPort, grpcPort, httpPort, command, mainClass,
        log, pid, State.STOPPED, startedAt, at.toString());
  }

  /** The ports this process listens on (what must be free before starting it). */
  public List<Integer> ports() {
    return java.util.stream.Stream.of(raftPort, grpcPort, httpPort)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  @JsonIgnore
  public boolean isNode() {
    return role == Role.NODE;
  }
}
