package io.shoal.node.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.GroupLeader;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LivenessTest {
  static GroupLeader leader(int group, String node, long term) {
    return GroupLeader.newBuilder().setGroupId(group).setNodeId(node).setTerm(term).build();
  }

  @Test
  void nodesAreAliveUntilTheirHeartbeatsStop() {
    AtomicLong now = new AtomicLong(1_000);
    Liveness l = new Liveness(now::get, 3_000);
    l.heartbeat("n1", List.of());
    now.addAndGet(3_000);
    assertThat(l.isAlive("n1")).isTrue();
    now.addAndGet(1);
    assertThat(l.isAlive("n1")).isFalse();
    assertThat(l.isAlive("never-seen")).isFalse();
  }

  @Test
  void theHighestTermClaimWinsAndDeadLeadersAreDropped() {
    AtomicLong now = new AtomicLong(0);
    Liveness l = new Liveness(now::get, 3_000);
    l.heartbeat("n1", List.of(leader(1, "n1", 5)));
    l.heartbeat("n2", List.of(leader(1, "n2", 6)));
    // n1 has not noticed it was deposed yet and still claims group 1 in term 5.
    l.heartbeat("n1", List.of(leader(1, "n1", 5)));
    assertThat(l.leaders()).extracting(GroupLeader::getNodeId).containsExactly("n2");
    now.addAndGet(2_000);
    l.heartbeat("n1", List.of());
    now.addAndGet(2_000);
    assertThat(l.leaders()).as("n2 stopped heartbeating").isEmpty();
  }
}
