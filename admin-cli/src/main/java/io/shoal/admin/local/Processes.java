package io.shoal.admin.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Liveness and signals for recorded pids, safe against pid reuse.
 *
 * <p>A pid in cluster.json may by now belong to an unrelated process. Before a pid is called ours or
 * signalled, the live argv must contain the recorded main class followed by exactly the recorded
 * arguments (which include the node id and its data directory). Zombies count as dead: a killed
 * process whose parent (an exited CLI) is gone may linger unreaped when PID 1 does not reap.
 */
public final class Processes {

  private static final long POLL_MS = 50;

  private Processes() {}

  /** Whether the pid is a running (not zombie) process, whoever it belongs to. */
  public static boolean isAlive(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    return h.isPresent() && h.get().isAlive() && !isZombie(pid);
  }

  /** Whether the record's pid is alive and still runs the recorded command. */
  public static boolean isOurs(ProcessRecord r) {
    if (r.pid() == null || !isAlive(r.pid())) {
      return false;
    }
    return commandLine(r.pid())
        .map(live -> identityMatches(live, r.command(), r.mainClass()))
        .orElseGet(() -> ProcessHandle.of(r.pid())
            .flatMap(h -> h.info().commandLine())
            .map(cl -> cl.contains(r.mainClass()))
            .orElse(false));
  }

  /**
   * Whether {@code live} runs {@code recorded}: from the first occurrence of {@code mainClass} on,
   * both argvs are equal. Whatever precedes it (java path, JVM options, a launcher) may differ.
   */
  public static boolean identityMatches(List<String> live, List<String> recorded, String mainClass) {
    int r = mainClass == null ? -1 : recorded.indexOf(mainClass);
    if (r < 0) {
      return false;
    }
    List<String> tail = recorded.subList(r, recorded.size());
    for (int i = 0; i < live.size(); i++) {
      if (live.get(i).equals(mainClass)) {
        return live.subList(i, live.size()).equals(tail);
      }
    }
    return false;
  }

  /** The live argv of a pid, from /proc where it exists, else from ProcessHandle if complete. */
  public static Optional<List<String>> commandLine(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
    if (Files.isDirectory(Path.of("/proc", "self"))) {
      try {
        String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
        if (raw.isEmpty()) {
          return Optional.empty(); // zombie or kernel thread
        }
        if (raw.endsWith("\0")) {
          raw = raw.substring(0, raw.length() - 1);
        }
        return Optional.of(Arrays.asList(raw.split("\0", -1)));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return ProcessHandle.of(pid).flatMap(h -> {
      ProcessHandle.Info info = h.info();
      if (info.command().isEmpty() || info.arguments().isEmpty()) {
        return Optional.empty();
      }
      List<String> argv = new ArrayList<>();
      argv.add(info.command().get());
      argv.addAll(Arrays.asList(info.arguments().get()));
      return Optional.of(argv);
    });
  }

  /** SIGTERM. */
  public static void terminate(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
  }

  /** SIGKILL. */
  public static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** SIGSTOP: the process keeps its sockets and memory but runs nothing until {@link #resume}. */
  public static void pause(long pid) throws IOException {
    signal(pid, "STOP");
  }

  /** SIGCONT. */
  public static void resume(long pid) throws IOException {
    signal(pid, "CONT");
  }

  /** {@code kill -<sig> <pid>} (the JDK sends only TERM and KILL). */
  private static void signal(long pid, String sig) throws IOException {
    Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("kill -" + sig + " " + pid + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while signalling " + pid, e);
    }
  }

  /** Polls until the pid is gone (or a zombie); true if it went within the timeout. */
  public static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive(pid)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(POLL_MS);
    }
    return true;
  }

  /** The session id of a pid (Linux only); used to check that setsid detached it. */
  public static Optional<Long> sessionId(long pid) {
    return statFields(pid).map(f -> Long.parseLong(f[3]));
  }

  static boolean isZombie(long pid) {
    return statFields(pid).map(f -> f[0].equals("Z") || f[0].equals("X")).orElse(false);
  }

  /** Fields of /proc/pid/stat after "pid (comm) ": state, ppid, pgrp, session, ... */
  private static Optional<String[]> statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      return Optional.of(stat.substring(close + 2).split(" "));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
