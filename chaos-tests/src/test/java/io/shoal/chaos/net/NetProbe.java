package io.shoal.chaos.net;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shoal.admin.check.ReplicaAgreement;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.GroupDigestRequest;
import io.shoal.proto.GroupDigestResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.Replica;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Looks inside a namespaced cluster from the root namespace (through the hub bridge) over the nodes' internal
 * gRPC: the metadata leader's view, leaders per node, and every replica's digest in the form
 * {@link ReplicaAgreement} compares.
 */
public final class NetProbe implements AutoCloseable {
  private final List<String> seeds;
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  NetProbe(List<String> seeds) {
    this.seeds = List.copyOf(seeds);
  }

  private synchronized ManagedChannel channel(String addr) {
    return channels.computeIfAbsent(addr, a -> NettyChannelBuilder.forTarget(a).usePlaintext().build());
  }

  /** The metadata leader's view, or empty when no leader answered within a few seconds. */
  public Optional<ClusterView> view() {
    List<String> targets = new ArrayList<>(seeds);
    for (int i = 0; i < targets.size() && i < 6; i++) {
      try {
        ClusterViewResponse r = MetaServiceGrpc.newBlockingStub(channel(targets.get(i)))
            .withDeadlineAfter(1500, TimeUnit.MILLISECONDS).getClusterView(ClusterViewRequest.getDefaultInstance());
        if (!r.hasError()) {
          return Optional.of(r.getView());
        }
        if (!r.getError().getLeaderHint().isEmpty()) {
          targets.add(r.getError().getLeaderHint());
        }
      } catch (RuntimeException e) {
        // unreachable or paused seed: try the next
      }
    }
    return Optional.empty();
  }

  /** Groups led per node id, by the metadata leader's last knowledge (every node listed, 0 when it leads none). */
  public Map<String, Long> leadersPerNode(ClusterView v) {
    Map<String, Long> out = new TreeMap<>();
    v.getNodesList().forEach(n -> out.put(n.getNode().getId(), 0L));
    out.putAll(v.getLeadersList().stream()
        .collect(Collectors.groupingBy(GroupLeader::getNodeId, Collectors.counting())));
    return out;
  }

  /**
   * group id -> node id -> digest, asked of every replica directly. A replica that does not answer is left out
   * and counted in {@code missing}.
   */
  public Map<String, Map<String, ReplicaAgreement.Digest>> digests(ClusterView v, List<String> missing) {
    Map<String, String> grpcOf = v.getNodesList().stream().map(NodeStatus::getNode)
        .collect(Collectors.toMap(n -> n.getId(), n -> n.getGrpcAddress()));
    Map<String, Map<String, ReplicaAgreement.Digest>> out = new TreeMap<>();
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      Map<String, ReplicaAgreement.Digest> replicas = new TreeMap<>();
      for (Replica r : g.getReplicasList()) {
        try {
          GroupDigestResponse d = NodeServiceGrpc.newBlockingStub(channel(grpcOf.get(r.getNodeId())))
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .groupDigest(GroupDigestRequest.newBuilder().setGroupId(g.getId()).build());
          if (d.hasError()) {
            missing.add("group " + g.getId() + " on " + r.getNodeId() + ": " + d.getError().getMessage());
          } else {
            replicas.put(r.getNodeId(), new ReplicaAgreement.Digest(d.getAppliedIndex(),
                (d.getChecksum() + "/items=" + d.getItemCount()).getBytes(StandardCharsets.UTF_8)));
          }
        } catch (RuntimeException e) {
          missing.add("group " + g.getId() + " on " + r.getNodeId() + ": " + e.getMessage());
        }
      }
      out.put(Integer.toString(g.getId()), replicas);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }
}
