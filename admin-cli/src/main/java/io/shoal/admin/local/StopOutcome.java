package io.shoal.admin.local;

/** What stopping one process did. */
public record StopOutcome(String name, Long pid, Kind kind) {

  public enum Kind {
    /** Exited after SIGTERM. */
    TERMINATED,
    /** Needed SIGKILL (asked for, or SIGTERM grace ran out). */
    KILLED,
    /** Was not running; nothing signalled. */
    NOT_RUNNING,
    /** The pid is alive but runs something else now (pid reused); nothing signalled. */
    NOT_OURS,
    /** Still alive after SIGKILL (should not happen; reported so nobody assumes otherwise). */
    SURVIVED
  }

  public String describe() {
    String who = name + (pid == null ? "" : " (pid " + pid + ")");
    return switch (kind) {
      case TERMINATED -> who + " stopped";
      case KILLED -> who + " killed";
      case NOT_RUNNING -> who + " was not running";
      case NOT_OURS -> who + " was not running (pid now belongs to another process; left alone)";
      case SURVIVED -> who + " is STILL RUNNING after SIGKILL";
    };
  }
}
