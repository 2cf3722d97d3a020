package io.shoal.admin.client;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shoal.proto.ClusterView;
import io.shoal.proto.ClusterViewRequest;
import io.shoal.proto.ClusterViewResponse;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.MetaServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the {@link ClusterView} from the metadata nodes (plaintext gRPC, blocking, one deadline per
 * attempt). Seeds are tried in turn, starting with the one that answered last; a seed that is down,
 * slow or not the metadata leader (NOT_LEADER) is skipped. Channels stay open between calls, so
 * polling is cheap; close the client when done.
 */
public final class ClusterViewClient implements AutoCloseable {

  /** A view and the seed that served it. */
  public record Answer(String seed, ClusterView view) {}

  private final List<String> seeds;
  private final Duration deadline;
  private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();
  private int preferred;

  public ClusterViewClient(List<String> seeds, Duration deadline) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("no seeds to ask for the cluster view");
    }
    this.seeds = List.copyOf(seeds);
    this.deadline = deadline;
  }

  public synchronized Answer fetch() throws ClusterUnreachableException {
    List<String> attempts = new ArrayList<>();
    for (int k = 0; k < seeds.size(); k++) {
      int i = (preferred + k) % seeds.size();
      String seed = seeds.get(i);
      try {
        ClusterViewResponse r = MetaServiceGrpc.newBlockingStub(channel(seed))
            .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
            .getClusterView(ClusterViewRequest.getDefaultInstance());
        if (r.hasError() && r.getError().getCode() != ErrorCode.OK) {
          attempts.add(seed + ": " + r.getError().getCode()
              + (r.getError().getMessage().isEmpty() ? "" : " " + r.getError().getMessage())
              + (r.getError().getLeaderHint().isEmpty() ? ""
                  : " (leader " + r.getError().getLeaderHint() + ")"));
        } else if (!r.hasView()) {
          attempts.add(seed + ": answered without a view");
        } else {
          preferred = i;
          return new Answer(seed, r.getView());
        }
      } catch (StatusRuntimeException e) {
        attempts.add(seed + ": " + e.getStatus().getCode()
            + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
      }
    }
    throw new ClusterUnreachableException(attempts);
  }

  private ManagedChannel channel(String seed) {
    ManagedChannel ch = channels.computeIfAbsent(seed, ClusterViewClient::open);
    // A channel that failed to connect backs off exponentially (up to minutes) and fails calls fast
    // meanwhile; while a node is starting we want every poll to try again.
    if (ch.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      ch.resetConnectBackoff();
    }
    return ch;
  }

  private static ManagedChannel open(String seed) {
    int colon = seed.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("seed must be host:port, got " + seed);
    }
    return NettyChannelBuilder
        .forAddress(seed.substring(0, colon), Integer.parseInt(seed.substring(colon + 1)))
        .usePlaintext()
        .build();
  }

  @Override
  public synchronized void close() {
    for (ManagedChannel ch : channels.values()) {
      ch.shutdownNow();
    }
    for (ManagedChannel ch : channels.values()) {
      try {
        ch.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    channels.clear();
  }
}
