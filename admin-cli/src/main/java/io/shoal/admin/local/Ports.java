package io.shoal.admin.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a port can be listened on before a process that needs it is started. */
public final class Ports {

  private Ports() {}

  public static boolean isFree(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
