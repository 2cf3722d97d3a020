package io.shoal.admin.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports for tests, away from the standard 7100/7200/8000 ones a dev cluster may use. */
final class TestPorts {

  private TestPorts() {}

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A free port that is none of nodes 1..n's ports under {@code offset}: an ephemeral port can land in that range
   * (37403 = HTTP base 7300 + offset 30100 + node 3 failed a CI run).
   */
  static int freePortBeside(int offset, int n) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = freePort();
      int node = port - offset;
      boolean collides = false;
      for (int base : new int[] {ClusterLayout.RAFT_PORT_BASE, ClusterLayout.GRPC_PORT_BASE,
          ClusterLayout.HTTP_PORT_BASE}) {
        collides |= node - base >= 1 && node - base <= n;
      }
      if (!collides) {
        return port;
      }
    }
    throw new IllegalStateException("no free port beside offset " + offset);
  }

  /** An offset under which nodes 1..n have free Raft, gRPC and HTTP ports. */
  static int freeOffset(int n) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int offset = 20_000 + ThreadLocalRandom.current().nextInt(300) * 100;
      boolean free = true;
      for (int i = 1; i <= n && free; i++) {
        free = Ports.isFree("127.0.0.1", ClusterLayout.RAFT_PORT_BASE + offset + i)
            && Ports.isFree("127.0.0.1", ClusterLayout.GRPC_PORT_BASE + offset + i)
            && Ports.isFree("127.0.0.1", ClusterLayout.HTTP_PORT_BASE + offset + i);
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no free port range");
  }
}
