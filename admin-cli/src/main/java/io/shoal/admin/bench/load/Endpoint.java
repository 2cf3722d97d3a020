package io.shoal.admin.bench.load;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A DynamoDB endpoint the load goes to, resolved once (no DNS look-up per connection). {@code hostHeader} is what
 * every request's {@code Host:} carries.
 */
public record Endpoint(URI uri, InetSocketAddress address, String hostHeader) {
  @Override
  public String toString() {
    return uri.toString();
  }
}
