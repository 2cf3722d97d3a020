package io.shoal.chaos;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.GroupDigestRequest;
import io.shoal.proto.GroupDigestResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.MetaGetTableRequest;
import io.shoal.proto.MetaGetTableResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.Replica;
import io.shoal.proto.TableInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Looks inside a running cluster over the nodes' internal gRPC: cluster view, table ids, replica digests. */
final class ClusterProbe implements AutoCloseable {
  private final List<String> seeds;
  private final UnaryOperator<String> dial;
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  ClusterProbe(List<String> seeds) {
    this(seeds, UnaryOperator.identity());
  }

  /**
   * @param dial turns an address the cluster advertises into one this JVM can reach (a container's network alias
   *     into its IP; identity for local clusters)
   */
  ClusterProbe(List<String> seeds, UnaryOperator<String> dial) {
    this.seeds = seeds;
    this.dial = dial;
  }

  private synchronized ManagedChannel channel(String addr) {
    return channels.computeIfAbsent(dial.apply(addr), a -> NettyChannelBuilder.forTarget(a).usePlaintext().build());
  }

  /** The metadata leader's view, or empty if no leader answered. */
  Optional<ClusterView> view() {
    List<String> targets = new ArrayList<>(seeds);
    for (int i = 0; i < targets.size() && i < 6; i++) {
      try {
        ClusterViewResponse r = MetaServiceGrpc.newBlockingStub(channel(targets.get(i)))
            .withDeadlineAfter(2, TimeUnit.SECONDS).getClusterView(ClusterViewRequest.getDefaultInstance());
        if (!r.hasError()) {
          return Optional.of(r.getView());
        }
        if (!r.getError().getLeaderHint().isEmpty()) {
          targets.add(r.getError().getLeaderHint());
        }
      } catch (RuntimeException e) {
        // unreachable seed: try the next
      }
    }
    return Optional.empty();
  }

  TableInfo table(String name) {
    for (String s : seeds) {
      try {
        MetaGetTableResponse r = MetaServiceGrpc.newBlockingStub(channel(s)).withDeadlineAfter(2, TimeUnit.SECONDS)
            .getTable(MetaGetTableRequest.newBuilder().setName(name).build());
        if (!r.hasError()) {
          return r.getTable();
        }
      } catch (RuntimeException e) {
        // next seed
      }
    }
    throw new IllegalStateException("no metadata leader returned table " + name);
  }

  String grpcOf(ClusterView v, String nodeId) {
    return v.getNodesList().stream().map(NodeStatus::getNode).filter(n -> n.getId().equals(nodeId)).findFirst()
        .orElseThrow().getGrpcAddress();
  }

  /** Every group's replicas' digests; a group agrees when all three report the same checksum and index. */
  Map<Integer, List<GroupDigestResponse>> digests(ClusterView v) {
    Map<Integer, List<GroupDigestResponse>> out = new HashMap<>();
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      List<GroupDigestResponse> list = new ArrayList<>();
      for (Replica r : g.getReplicasList()) {
        try {
          list.add(NodeServiceGrpc.newBlockingStub(channel(grpcOf(v, r.getNodeId())))
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .groupDigest(GroupDigestRequest.newBuilder().setGroupId(g.getId()).build()));
        } catch (RuntimeException e) {
          list.add(GroupDigestResponse.newBuilder().setNodeId(r.getNodeId()).setChecksum("unreachable").build());
        }
      }
      out.put(g.getId(), list);
    }
    return out;
  }

  static boolean agree(List<GroupDigestResponse> replicas) {
    return replicas.size() == 3 && replicas.stream().noneMatch(GroupDigestResponse::hasError)
        && replicas.stream().map(d -> d.getChecksum() + "@" + d.getAppliedIndex()).distinct().count() == 1;
  }

  @Override
  public synchronized void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
