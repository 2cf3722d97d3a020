package io.shoal.admin.bench.load;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Refuses to aim load at anything but this machine or a private benchmark network: a load generator pointed at a
 * public address by a typo is a denial-of-service tool. Allowed: loopback (127.0.0.0/8, ::1) and the private and
 * benchmark ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 198.18.0.0/15 (RFC 1918 and RFC 2544).
 */
public final class EndpointGuard {
  static final String ALLOWED = "loopback (127.0.0.0/8, ::1) or private/benchmark networks (10.0.0.0/8, "
      + "172.16.0.0/12, 192.168.0.0/16, 198.18.0.0/15)";

  private EndpointGuard() {}

  /** Parses and checks {@code url}; IllegalArgumentException with a message a person can act on otherwise. */
  public static Endpoint endpoint(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("endpoint " + url + " is not a URL: " + e.getMessage());
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("endpoint " + url + ": expected http://HOST:PORT (plain HTTP; the bench "
          + "client does not speak TLS)");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("endpoint " + url + ": cannot resolve host " + uri.getHost());
    }
    if (!allowed(address)) {
      throw new IllegalArgumentException("refusing endpoint " + url + " (" + address.getHostAddress() + "): shoal "
          + "bench sends load only to " + ALLOWED);
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String host = uri.getHost();
    return new Endpoint(uri, new InetSocketAddress(address, port), (port == 80 ? host : host + ":" + port));
  }

  public static boolean allowed(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return true;
    }
    if (!(a instanceof Inet4Address)) {
      return false;
    }
    byte[] b = a.getAddress();
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 10
        || (first == 172 && second >= 16 && second <= 31)
        || (first == 192 && second == 168)
        || (first == 198 && (second == 18 || second == 19));
  }
}
