package io.shoal.chaos;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shoal.admin.check.ReplicaAgreement;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.GroupDigestRequest;
import io.shoal.proto.GroupDigestResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.MetaGetTableRequest;
import io.shoal.proto.MetaGetTableResponse;
import io.shoal.proto.MetaServiceGrpc;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.NodeStatus;
import io.shoal.proto.Replica;
import io.shoal.proto.TableInfo;
import io.shoal.proto.TransferLeaderRequest;
import io.shoal.proto.TransferLeaderResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.function.UnaryOperator;

/**
 * Looks inside a running cluster over the nodes' internal gRPC: the metadata leader's view (following leader
 * hints), table ids, leaders per node and every replica's digest, raw or in the form {@link ReplicaAgreement}
 * compares. Used for loopback clusters started with {@code shoal up} and, from the root namespace through the hub
 * bridge, for namespaced ones.
 */
public final class ClusterProbe implements AutoCloseable {
  private static final String UNREACHABLE = "unreachable: ";
  private final List<String> seeds;
  private final long viewDeadlineMs;
  private final UnaryOperator<String> dial;
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  public ClusterProbe(List<String> seeds) {
    this(seeds, Duration.ofSeconds(2), UnaryOperator.identity());
  }

  /** @param viewDeadline how long one seed may take to answer a view request (a paused seed never does) */
  public ClusterProbe(List<String> seeds, Duration viewDeadline) {
    this(seeds, viewDeadline, UnaryOperator.identity());
  }

  /**
   * @param dial turns an address the cluster advertises into one this JVM can reach (a container's network alias
   *     into its IP; identity for local clusters)
   */
  public ClusterProbe(List<String> seeds, UnaryOperator<String> dial) {
    this(seeds, Duration.ofSeconds(2), dial);
  }

  private ClusterProbe(List<String> seeds, Duration viewDeadline, UnaryOperator<String> dial) {
    this.seeds = List.copyOf(seeds);
    this.viewDeadlineMs = viewDeadline.toMillis();
    this.dial = dial;
  }

  /** A plaintext channel to a node's gRPC address (as the cluster advertises it), cached. */
  public synchronized ManagedChannel channel(String addr) {
    return channels.computeIfAbsent(dial.apply(addr), a -> NettyChannelBuilder.forTarget(a).usePlaintext().build());
  }

  /** The metadata leader's view, or empty when no leader answered (seeds first, then leader hints). */
  public Optional<ClusterView> view() {
    List<String> targets = new ArrayList<>(seeds);
    for (int i = 0; i < targets.size() && i < 6; i++) {
      try {
        ClusterViewResponse r = MetaServiceGrpc.newBlockingStub(channel(targets.get(i)))
            .withDeadlineAfter(viewDeadlineMs, TimeUnit.MILLISECONDS)
            .getClusterView(ClusterViewRequest.getDefaultInstance());
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

  public TableInfo table(String name) {
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

  public static String grpcOf(ClusterView v, String nodeId) {
    return v.getNodesList().stream().map(NodeStatus::getNode).filter(n -> n.getId().equals(nodeId)).findFirst()
        .orElseThrow().getGrpcAddress();
  }

  /** Groups led per node id, by the metadata leader's last knowledge (every node listed, 0 when it leads none). */
  public static Map<String, Long> leadersPerNode(ClusterView v) {
    Map<String, Long> out = new TreeMap<>();
    v.getNodesList().forEach(n -> out.put(n.getNode().getId(), 0L));
    out.putAll(v.getLeadersList().stream()
        .collect(Collectors.groupingBy(GroupLeader::getNodeId, Collectors.counting())));
    return out;
  }

  /** One replica's digest, or a response whose checksum says "unreachable" when it did not answer. */
  private GroupDigestResponse digest(ClusterView v, int group, String nodeId) {
    try {
      return NodeServiceGrpc.newBlockingStub(channel(grpcOf(v, nodeId))).withDeadlineAfter(10, TimeUnit.SECONDS)
          .groupDigest(GroupDigestRequest.newBuilder().setGroupId(group).build());
    } catch (RuntimeException e) {
      return GroupDigestResponse.newBuilder().setNodeId(nodeId).setChecksum(UNREACHABLE + e.getMessage())
          .build();
    }
  }

  /** Every group's replicas' digests; a group agrees when all three report the same checksum and index. */
  public Map<Integer, List<GroupDigestResponse>> digests(ClusterView v) {
    Map<Integer, List<GroupDigestResponse>> out = new HashMap<>();
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      List<GroupDigestResponse> list = new ArrayList<>();
      for (Replica r : g.getReplicasList()) {
        list.add(digest(v, g.getId(), r.getNodeId()));
      }
      out.put(g.getId(), list);
    }
    return out;
  }

  public static boolean agree(List<GroupDigestResponse> replicas) {
    return replicas.size() == 3 && replicas.stream().noneMatch(GroupDigestResponse::hasError)
        && replicas.stream().map(d -> d.getChecksum() + "@" + d.getAppliedIndex()).distinct().count() == 1;
  }

  /**
   * group id -> node id -> digest in {@link ReplicaAgreement}'s form (checksum and item count at the applied
   * index). A replica that does not answer or answers an error is left out and described in {@code missing}.
   */
  public Map<String, Map<String, ReplicaAgreement.Digest>> agreementDigests(ClusterView v, List<String> missing) {
    Map<String, Map<String, ReplicaAgreement.Digest>> out = new TreeMap<>();
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      Map<String, ReplicaAgreement.Digest> replicas = new TreeMap<>();
      for (Replica r : g.getReplicasList()) {
        GroupDigestResponse d = digest(v, g.getId(), r.getNodeId());
        String where = "group " + g.getId() + " on " + r.getNodeId() + ": ";
        if (d.hasError()) {
          missing.add(where + d.getError().getMessage());
        } else if (d.getChecksum().startsWith(UNREACHABLE)) {
          missing.add(where + d.getChecksum());
        } else {
          replicas.put(r.getNodeId(), new ReplicaAgreement.Digest(d.getAppliedIndex(),
              (d.getChecksum() + "/items=" + d.getItemCount()).getBytes(StandardCharsets.UTF_8)));
        }
      }
      out.put(Integer.toString(g.getId()), replicas);
    }
    return out;
  }

  /**
   * Asks the node at {@code grpc} (the group's leader, as far as the caller knows) to hand the group's leadership to
   * {@code toNode}; a NOT_LEADER answer with a hint is followed once. Throws when the node does not answer.
   */
  public TransferLeaderResponse transferLeader(String grpc, int group, String toNode) {
    TransferLeaderRequest req = TransferLeaderRequest.newBuilder().setGroupId(group).setToNodeId(toNode).build();
    TransferLeaderResponse r = NodeServiceGrpc.newBlockingStub(channel(grpc)).withDeadlineAfter(2, TimeUnit.SECONDS)
        .transferLeader(req);
    if (r.hasError() && r.getError().getCode() == ErrorCode.NOT_LEADER && !r.getError().getLeaderHint().isEmpty()) {
      r = NodeServiceGrpc.newBlockingStub(channel(r.getError().getLeaderHint())).withDeadlineAfter(2, TimeUnit.SECONDS)
          .transferLeader(req);
    }
    return r;
  }

  @Override
  public synchronized void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }
}
