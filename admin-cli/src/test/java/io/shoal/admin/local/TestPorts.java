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
