package io.shoal.admin.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Checks that a port can be listened on before a process that needs it is started. */
public final class Ports {

  private static final int CONNECT_TIMEOUT_MS = 200;

  private Ports() {}

  /**
   * Free means we can bind it and nobody accepts connections on it: the second check catches
   * listeners a bind test misses (SO_REUSEPORT sockets, some dual-stack set-ups).
   */
  public static boolean isFree(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      return false;
    }
    try (Socket c = new Socket()) {
      c.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return false;
    } catch (IOException refused) {
      return true;
    }
  }
}
