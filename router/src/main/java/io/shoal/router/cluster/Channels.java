package io.shoal.router.cluster;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived gRPC channel per node address (channels multiplex calls and reconnect by themselves). A connect
 * gives up after a second: a crashed or cut-off host does not refuse, it stays silent, and calls waiting on a channel
 * that is still connecting would otherwise wait out their whole deadline before the caller tries another replica.
 */
final class Channels implements AutoCloseable {
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  ManagedChannel get(String address) {
    return channels.computeIfAbsent(address, a -> NettyChannelBuilder.forTarget(a).usePlaintext()
        .keepAliveTime(30, TimeUnit.SECONDS)
        .withOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000).build());
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
