package io.shoal.node.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ports for servers a test binds later, taken below the kernel's ephemeral port range. A port found with bind(0)
 * comes from that range, and once released it can be taken, before the test binds it, as the source port of any
 * outgoing connection (the Raft and gRPC clients of nodes already started): a CI run failed with "Address already
 * in use" that way. Outgoing connections never use ports below the range.
 */
public final class TestPorts {
  private static final int FIRST = 10_000;
  private static final int END = ephemeralStart();
  /** Spread by process id, so test JVMs running at the same time rarely probe the same ports. */
  private static int next = FIRST + (int) (ProcessHandle.current().pid() % 1_000) * 10;

  private TestPorts() {}

  /** A loopback port nothing listens on now, not handed out before by this JVM. */
  public static synchronized int free() {
    for (int tries = 0; tries < END - FIRST; tries++) {
      int port = next;
      next = next + 1 >= END ? FIRST : next + 1;
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException taken) {
        // in use: try the next one
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + "-" + (END - 1));
  }

  /** The first port of /proc/sys/net/ipv4/ip_local_port_range; Linux's default 32768 elsewhere. */
  private static int ephemeralStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > FIRST + 1_000 ? start : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
