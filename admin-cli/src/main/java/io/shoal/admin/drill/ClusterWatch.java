package io.shoal.admin.drill;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shoal.admin.check.ReplicaAgreement;
import io.shoal.admin.client.ClusterUnreachableException;
import io.shoal.admin.client.ClusterViewClient;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.core.partition.PartitionRouter;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.ClusterView;
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
import io.shoal.proto.ScalarType;
import io.shoal.proto.TransferLeaderRequest;
import io.shoal.proto.TransferLeaderResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** What a drill watches over the nodes' internal gRPC: group leaders, the group of a key, replica digests. */
final class ClusterWatch implements AutoCloseable {
  private final List<String> seeds;
  private final ClusterViewClient views;
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  ClusterWatch(List<String> seeds) {
    this.seeds = seeds;
    // Short: a paused seed (isolate-zone) never answers, and every poll would wait this long for it.
    this.views = new ClusterViewClient(seeds, Duration.ofSeconds(1));
  }

  /** The current view, or empty while no metadata leader answers. */
  Optional<ClusterView> view() {
    try {
      return Optional.of(views.fetch().view());
    } catch (ClusterUnreachableException e) {
      return Optional.empty();
    }
  }

  /** Leader node id per group id, from the view (groups without a known leader are absent). */
  static Map<Integer, String> leaders(ClusterView v) {
    Map<Integer, String> out = new TreeMap<>();
    for (GroupLeader l : v.getLeadersList()) {
      if (!l.getNodeId().isEmpty()) {
        out.put(l.getGroupId(), l.getNodeId());
      }
    }
    return out;
  }

  /** The internal numeric id of a table, which places its keys on groups. */
  long tableId(String table) throws InterruptedException {
    // Fresh channels and a busy machine can make the first calls slow; keep asking for a while.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      for (String s : seeds) {
        try {
          MetaGetTableResponse r = MetaServiceGrpc.newBlockingStub(channel(s)).withDeadlineAfter(5, TimeUnit.SECONDS)
              .getTable(MetaGetTableRequest.newBuilder().setName(table).build());
          if (!r.hasError()) {
            return r.getTable().getId();
          }
          last = s + ": " + r.getError().getCode() + " " + r.getError().getMessage();
        } catch (RuntimeException e) {
          last = s + ": " + e.getMessage(); // the next seed may be the metadata leader
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no metadata leader returned table " + table + " (last: " + last + ")");
  }

  /** The group holding a string partition key. */
  static int groupOf(ClusterView v, long tableId, String pk) {
    byte[] bytes = KeyCodec.partitionKeyBytes(ScalarType.S, AttributeValue.newBuilder().setS(pk).build());
    return PartitionRouter.of(v.getPartitionMap()).groupFor(PartitionHash.hash(tableId, bytes)).getId();
  }

  /** Every group's replica digests (checksum and applied index), compared. */
  ReplicaAgreement.Report digests(ClusterView v) {
    Map<String, String> grpc = new HashMap<>();
    for (NodeStatus n : v.getNodesList()) {
      grpc.put(n.getNode().getId(), n.getNode().getGrpcAddress());
    }
    Map<String, Map<String, ReplicaAgreement.Digest>> reports = new TreeMap<>();
    for (GroupInfo g : v.getPartitionMap().getGroupsList()) {
      Map<String, ReplicaAgreement.Digest> replicas = new TreeMap<>();
      for (Replica r : g.getReplicasList()) {
        try {
          GroupDigestResponse d = NodeServiceGrpc.newBlockingStub(channel(grpc.get(r.getNodeId())))
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .groupDigest(GroupDigestRequest.newBuilder().setGroupId(g.getId()).build());
          if (!d.hasError()) {
            replicas.put(r.getNodeId(), new ReplicaAgreement.Digest(d.getAppliedIndex(),
                d.getChecksum().getBytes(StandardCharsets.UTF_8)));
          }
        } catch (RuntimeException e) {
          // an unreachable replica is simply missing from the report
        }
      }
      reports.put("g" + g.getId(), replicas);
    }
    return ReplicaAgreement.compare(reports);
  }

  /**
   * Asks the node the view names as the group's leader to hand it to {@code t.to()}, following one NOT_LEADER hint.
   * Returns "started", the refusal's error code, or "unanswered".
   */
  String transferLeader(ClusterView v, TransferTarget t) {
    TransferLeaderRequest req = TransferLeaderRequest.newBuilder().setGroupId(t.group()).setToNodeId(t.to()).build();
    String at = v.getNodesList().stream().map(NodeStatus::getNode).filter(n -> n.getId().equals(t.leader()))
        .map(n -> n.getGrpcAddress()).findFirst().orElse(null);
    if (at == null) {
      return "unknown leader";
    }
    try {
      TransferLeaderResponse r = NodeServiceGrpc.newBlockingStub(channel(at)).withDeadlineAfter(2, TimeUnit.SECONDS)
          .transferLeader(req);
      if (r.hasError() && r.getError().getCode() == ErrorCode.NOT_LEADER && !r.getError().getLeaderHint().isEmpty()) {
        r = NodeServiceGrpc.newBlockingStub(channel(r.getError().getLeaderHint()))
            .withDeadlineAfter(2, TimeUnit.SECONDS).transferLeader(req);
      }
      return r.hasError() ? r.getError().getCode().name() : "started";
    } catch (RuntimeException e) {
      return "unanswered";
    }
  }

  private synchronized ManagedChannel channel(String address) {
    return channels.computeIfAbsent(address, a -> NettyChannelBuilder.forTarget(a).usePlaintext().build());
  }

  @Override
  public synchronized void close() {
    views.close();
    channels.values().forEach(ManagedChannel::shutdownNow);
  }

  /** The node leading the most groups (ties: the lowest id). */
  static String busiest(Map<Integer, String> leaders) {
    Map<String, Long> counts = leaders.values().stream()
        .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .max(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .orElseThrow(() -> new IllegalStateException("no group has a leader")).getKey();
  }

  /** The groups whose leader is one of {@code nodes}, in order. */
  static List<Integer> ledBy(Map<Integer, String> leaders, Set<String> nodes) {
    return leaders.entrySet().stream().filter(e -> nodes.contains(e.getValue())).map(Map.Entry::getKey).sorted()
        .collect(Collectors.toList());
  }
}
