package io.shoal.admin.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command lines of the real storage node and router processes (the contract with their main
 * classes): {@code java <opts> -cp <module jar>:<module lib>/* <main class> <args>}.
 */
public final class JavaCommandFactory implements CommandFactory {

  public static final String NODE_MAIN = "io.shoal.node.NodeMain";
  public static final String ROUTER_MAIN = "io.shoal.router.RouterMain";
  public static final String DEFAULT_NODE_JVM_OPTS =
      "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";
  public static final String DEFAULT_ROUTER_JVM_OPTS = "-Xmx256m";

  private final ShoalInstall install;
  private final String java;
  private final List<String> nodeJvmOpts;
  private final List<String> routerJvmOpts;

  public JavaCommandFactory(ShoalInstall install, String java, List<String> nodeJvmOpts,
      List<String> routerJvmOpts) {
    this.install = install;
    this.java = java;
    this.nodeJvmOpts = List.copyOf(nodeJvmOpts);
    this.routerJvmOpts = List.copyOf(routerJvmOpts);
  }

  /** JVM options from SHOAL_NODE_JVM_OPTS / SHOAL_ROUTER_JVM_OPTS, else the defaults. */
  public static JavaCommandFactory fromEnvironment(ShoalInstall install) {
    return new JavaCommandFactory(install, ShoalInstall.javaBinary(),
        splitOpts(System.getenv("SHOAL_NODE_JVM_OPTS"), DEFAULT_NODE_JVM_OPTS),
        splitOpts(System.getenv("SHOAL_ROUTER_JVM_OPTS"), DEFAULT_ROUTER_JVM_OPTS));
  }

  public static List<String> splitOpts(String value, String fallback) {
    String v = value == null ? fallback : value.trim();
    return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
  }

  @Override
  public void verify() {
    install.requireBuilt("node", "router");
  }

  @Override
  public LaunchSpec node(NodeSlot node, ClusterLayout layout, Path dataDir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(nodeJvmOpts);
    cmd.addAll(List.of("-cp", install.classpath("node"), NODE_MAIN,
        "--id", node.id(),
        "--zone", node.zone(),
        "--host", node.host(),
        "--raft-port", Integer.toString(node.raftPort()),
        "--grpc-port", Integer.toString(node.grpcPort()),
        "--http-port", Integer.toString(node.httpPort()),
        "--data-dir", dataDir.resolve(node.id()).toString(),
        "--meta-peers", layout.metaPeers(),
        "--seeds", layout.seedList(),
        "--groups", Integer.toString(layout.groups()),
        // The partition map is made once, when this many nodes are up: `up --nodes 6` places groups on all six.
        "--min-nodes", Integer.toString(Math.max(3, layout.nodes().size()))));
    return new LaunchSpec(cmd, NODE_MAIN);
  }

  @Override
  public LaunchSpec router(ClusterLayout layout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(routerJvmOpts);
    cmd.addAll(List.of("-cp", install.classpath("router"), ROUTER_MAIN,
        "--host", layout.host(),
        "--port", Integer.toString(layout.routerPort()),
        "--seeds", layout.seedList()));
    return new LaunchSpec(cmd, ROUTER_MAIN);
  }
}
