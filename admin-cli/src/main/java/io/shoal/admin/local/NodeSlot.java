package io.shoal.admin.local;

/**
 * Where one storage node lives: its id, zone and the three ports it listens on (Raft, gRPC, and HTTP for
 * GET /metrics, /health, /ready).
 */
public record NodeSlot(String id, String zone, String host, int raftPort, int grpcPort, int httpPort) {

  public String raftAddress() {
    return host + ":" + raftPort;
  }

  public String grpcAddress() {
    return host + ":" + grpcPort;
  }
}
