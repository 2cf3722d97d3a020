package io.shoal.node.meta;

import io.shoal.node.cluster.NodeDirectory;
import io.shoal.proto.DropTableRequest;
import io.shoal.proto.DropTableResponse;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.PartitionMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After DeleteTable commits in the catalog, tells every data group to drop the table's items. Best effort with
 * retries: table ids are never reused, so a group that misses the drop keeps invisible garbage, never wrong data.
 */
public final class TableDropper {
  private static final Logger LOG = LoggerFactory.getLogger(TableDropper.class);
  private static final int MAX_ATTEMPTS = 60;

  private final ScheduledExecutorService executor;
  private final Liveness liveness;
  private final NodeDirectory directory;

  public TableDropper(ScheduledExecutorService executor, Liveness liveness, NodeDirectory directory) {
    this.executor = executor;
    this.liveness = liveness;
    this.directory = directory;
  }

  public void dropEverywhere(long tableId, PartitionMap map) {
    for (GroupInfo g : map.getGroupsList()) {
      executor.execute(() -> attempt(tableId, g, 1));
    }
  }

  private void attempt(long tableId, GroupInfo g, int n) {
    String leader = liveness.leaders().stream().filter(l -> l.getGroupId() == g.getId())
        .map(GroupLeader::getNodeId).findFirst().orElse(null);
    boolean done = false;
    if (leader != null) {
      try {
        String addr = directory.byId(leader).orElseThrow().getGrpcAddress();
        DropTableResponse r = NodeServiceGrpc.newBlockingStub(directory.channel(addr))
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .dropTable(DropTableRequest.newBuilder().setGroupId(g.getId()).setTableId(tableId).build());
        done = !r.hasError();
      } catch (RuntimeException e) {
        LOG.debug("drop of table {} in group {} failed (attempt {})", tableId, g.getId(), n, e);
      }
    }
    if (!done && n < MAX_ATTEMPTS) {
      executor.schedule(() -> attempt(tableId, g, n + 1), 500, TimeUnit.MILLISECONDS);
    } else if (!done) {
      LOG.warn("gave up dropping table {} in group {}", tableId, g.getId());
    }
  }
}
