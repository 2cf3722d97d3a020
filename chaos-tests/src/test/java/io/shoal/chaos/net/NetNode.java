package io.shoal.chaos.net;

import java.nio.file.Path;

/** One storage node of a {@link NetnsCluster}: where it lives and its current process (null while down). */
public final class NetNode {
  final String id;
  final String zone;
  final String ns;
  final String ip;
  final String veth;
  final int raftPort;
  final int grpcPort;
  final Path log;
  volatile Process process;

  NetNode(String id, String zone, String ns, String ip, String veth, int raftPort, int grpcPort, Path log) {
    this.id = id;
    this.zone = zone;
    this.ns = ns;
    this.ip = ip;
    this.veth = veth;
    this.raftPort = raftPort;
    this.grpcPort = grpcPort;
    this.log = log;
  }

  public String id() {
    return id;
  }

  public String zone() {
    return zone;
  }

  /** Null on a loopback cluster. */
  public String namespace() {
    return ns;
  }

  public String ip() {
    return ip;
  }

  public String grpcAddress() {
    return ip + ":" + grpcPort;
  }

  String raftAddress() {
    return ip + ":" + raftPort;
  }

  /** The node's end of its veth, inside its namespace (where qdiscs go); null on loopback. */
  public String veth() {
    return veth;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  public boolean running() {
    Process p = process;
    return p != null && p.isAlive();
  }

  @Override
  public String toString() {
    return id + "(zone " + zone + ", " + ip + (pid() > 0 ? ", pid " + pid() : "") + ")";
  }
}
