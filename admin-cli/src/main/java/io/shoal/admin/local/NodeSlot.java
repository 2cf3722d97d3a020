package io.shoal.admin.local;

/** Where one storage node lives: its id, zone and the two ports it listens on. */
public record NodeSlot(String id, String zone, String host, int raftPort, int grpcPort) {

  public String raftAddress() {
    return host + ":" + raftPort;
  }

  public String grpcAddress() {
    return host + ":" + grpcPort;
  }
}
