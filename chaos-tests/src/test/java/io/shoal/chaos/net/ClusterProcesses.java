package io.shoal.chaos.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node and router processes of a {@link NetnsCluster}: launched from the packaged jars inside their namespace
 * ({@code ip netns exec}, which execs java in place, so the PID is the JVM's) or on loopback, logs appended per
 * process, and the signals process faults use: SIGKILL, SIGTERM, SIGSTOP, SIGCONT.
 */
public final class ClusterProcesses {
  private final NetnsCluster.Config config;
  private final NetLayout layout;
  private volatile Process router;

  ClusterProcesses(NetnsCluster.Config config, NetLayout layout) {
    this.config = config;
    this.layout = layout;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String classpath(String module) {
    Path target = config.repo().resolve(module).resolve("target");
    Path jar = target.resolve("shoal-" + module + "-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn -o -DskipTests package` in " + config.repo());
    }
    return jar + ":" + target.resolve("lib") + "/*";
  }

  private static Process launch(String ns, List<String> javaCmd, Path log) {
    List<String> cmd = new ArrayList<>();
    if (ns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", ns));
    }
    cmd.addAll(javaCmd);
    try {
      Files.writeString(log, "\n==== " + Instant.now() + " " + String.join(" ", cmd) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void startNode(String id) {
    NetNode n = layout.node(id);
    if (n.running()) {
      throw new IllegalStateException(n + " is already running");
    }
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError"));
    cmd.addAll(config.jvmOptions());
    cmd.addAll(List.of("-cp", classpath("node"), "io.shoal.node.NodeMain",
        "--id", n.id, "--zone", n.zone, "--host", n.ip,
        "--raft-port", Integer.toString(n.raftPort), "--grpc-port", Integer.toString(n.grpcPort),
        "--data-dir", layout.logDir.resolve("data").resolve(n.id).toString(),
        "--meta-peers", layout.metaPeers(), "--seeds", String.join(",", layout.seeds()),
        "--groups", Integer.toString(config.groups()), "--min-nodes", Integer.toString(config.nodes()),
        "--election-timeout-ms", Integer.toString(config.electionTimeoutMs())));
    n.process = launch(n.ns, cmd, n.log);
  }

  /** SIGKILL (after a SIGCONT, in case it is paused), and wait until the process is gone. */
  public void killNode(String id) throws InterruptedException {
    Process p = layout.node(id).process;
    if (p != null) {
      Sh.quiet("kill", "-CONT", Long.toString(p.pid()));
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM (a clean stop), waiting up to 20 s, then SIGKILL. */
  public void stopNode(String id) throws InterruptedException {
    Process p = layout.node(id).process;
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  public void restartNode(String id) throws InterruptedException {
    killNode(id);
    startNode(id);
  }

  public void pauseNode(String id) {
    Sh.must("kill", "-STOP", Long.toString(layout.node(id).pid()));
  }

  public void resumeNode(String id) {
    Sh.must("kill", "-CONT", Long.toString(layout.node(id).pid()));
  }

  /** Throws when a node process has exited on its own (its log says why). */
  void requireNodesAlive() {
    for (NetNode n : layout.nodes.values()) {
      if (n.process != null && !n.process.isAlive()) {
        throw new IllegalStateException(n.id + " exited with " + n.process.exitValue() + "; see " + n.log);
      }
    }
  }

  void startRouter() {
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m"));
    cmd.addAll(config.jvmOptions());
    cmd.addAll(List.of("-cp", classpath("router"), "io.shoal.router.RouterMain",
        "--host", layout.routerIp, "--port", Integer.toString(layout.routerPort),
        "--seeds", String.join(",", layout.seeds())));
    router = launch(layout.hubNs, cmd, layout.logDir.resolve("router.log"));
  }

  /** Kills the router with SIGKILL and starts a new one on the same address; waits until it accepts again. */
  public synchronized void restartRouter() throws InterruptedException {
    Process p = router;
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    startRouter();
    awaitRouter(Duration.ofSeconds(60));
  }

  void awaitRouter(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (router != null && !router.isAlive()) {
        throw new IllegalStateException("router exited with " + router.exitValue() + "; see "
            + layout.logDir.resolve("router.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(layout.routerIp, layout.routerPort), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("router did not listen on " + layout.routerIp + ":" + layout.routerPort
        + " within " + timeout);
  }

  /** SIGCONT and SIGKILL to every process, then wait for each (up to 10 s). */
  void killAll() {
    List<Process> procs = new ArrayList<>();
    layout.nodes.values().forEach(n -> procs.add(n.process));
    procs.add(router);
    for (Process p : procs) {
      if (p != null && p.isAlive()) {
        Sh.quiet("kill", "-CONT", Long.toString(p.pid()));
        p.destroyForcibly();
      }
    }
    for (Process p : procs) {
      if (p != null) {
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
