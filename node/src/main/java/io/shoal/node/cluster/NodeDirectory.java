package io.shoal.node.cluster;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shoal.proto.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Known nodes by id and by Raft address, and cached gRPC channels to them. */
public final class NodeDirectory implements AutoCloseable {
  private final Map<String, NodeInfo> byId = new ConcurrentHashMap<>();
  private final Map<String, NodeInfo> byRaft = new ConcurrentHashMap<>();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public void update(List<NodeInfo> nodes) {
    for (NodeInfo n : nodes) {
      byId.put(n.getId(), n);
      byRaft.put(n.getRaftAddress(), n);
    }
  }

  public Optional<NodeInfo> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<NodeInfo> byRaftAddress(String raftAddress) {
    return raftAddress == null ? Optional.empty() : Optional.ofNullable(byRaft.get(raftAddress));
  }

  public ManagedChannel channel(String grpcAddress) {
    return channels.computeIfAbsent(grpcAddress,
        a -> NettyChannelBuilder.forTarget(a).usePlaintext().build());
  }

  @Override
  public void close() {
    for (ManagedChannel c : channels.values()) {
      c.shutdownNow();
      try {
        c.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
