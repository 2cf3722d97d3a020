package io.shoal.admin.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.admin.Views;
import io.shoal.proto.ClusterView;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterReadinessTest {

  private static final List<String> NODES = List.of("n1", "n2", "n3");

  @Test
  void healthyViewIsReady() {
    assertThat(ClusterReadiness.unmet(Views.healthy(6), NODES)).isEmpty();
  }

  @Test
  void waitsForPartitionMapAndMetaLeader() {
    ClusterView v = Views.healthy(6).toBuilder().clearPartitionMap().setMetaLeader("").build();
    assertThat(ClusterReadiness.unmet(v, NODES))
        .containsExactly("metadata group has no leader", "no partition map yet");
  }

  @Test
  void waitsForEveryGroupToHaveALiveLeader() {
    ClusterView v = Views.healthy(6).toBuilder()
        .removeLeaders(4) // group 5
        .setLeaders(1, Views.leader(2, "n9")) // group 2 led by an unknown node
        .build();
    assertThat(ClusterReadiness.unmet(v, NODES))
        .containsExactly("4 of 6 groups have a leader (waiting for 2,5)");
  }

  @Test
  void waitsForEveryNodeToRegisterAndBeAlive() {
    ClusterView v = Views.healthy(6).toBuilder()
        .setNodes(2, Views.node("n3", "c", 3, false, 0)).build();
    assertThat(ClusterReadiness.unmet(v, List.of("n1", "n2", "n3", "n4")))
        .contains("not registered yet: n4", "down: n3");
  }
}
