package io.shoal.admin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {

  @Test
  void fourNodesGetPortsByIndexAndZonesRoundRobin() {
    ClusterLayout l = ClusterLayout.standard(4, 6, 8000);

    assertThat(l.nodes()).containsExactly(
        new NodeSlot("n1", "a", "127.0.0.1", 7101, 7201, 7301),
        new NodeSlot("n2", "b", "127.0.0.1", 7102, 7202, 7302),
        new NodeSlot("n3", "c", "127.0.0.1", 7103, 7203, 7303),
        new NodeSlot("n4", "a", "127.0.0.1", 7104, 7204, 7304));
    assertThat(l.metaPeers()).isEqualTo("127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103");
    assertThat(l.seeds()).containsExactly("127.0.0.1:7201", "127.0.0.1:7202", "127.0.0.1:7203");
    assertThat(l.seedList()).isEqualTo("127.0.0.1:7201,127.0.0.1:7202,127.0.0.1:7203");
  }

  @Test
  void defaultGroupsAreOnePerThreeNodesAndAtLeastOne() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 9, 10)).map(ClusterLayout::defaultGroups)
        .containsExactly(1, 1, 1, 1, 1, 2, 3, 3);
  }

  @Test
  void smallClustersUseAllNodesAsMetadataGroup() {
    ClusterLayout l = ClusterLayout.standard(1, 2, 8000);
    assertThat(l.seeds()).containsExactly("127.0.0.1:7201");
    assertThat(l.metaPeers()).isEqualTo("127.0.0.1:7101");
  }

  @Test
  void growingKeepsExistingSlotsAndRefusesToShrink() {
    ClusterLayout three = ClusterLayout.standard(3, 6, 8000);
    ClusterLayout five = three.withNodeCount(5);
    assertThat(five.nodes().subList(0, 3)).isEqualTo(three.nodes());
    assertThat(five.nodes().get(4)).isEqualTo(new NodeSlot("n5", "b", "127.0.0.1", 7105, 7205, 7305));
    assertThat(five.seeds()).isEqualTo(three.seeds());
    assertThatThrownBy(() -> five.withNodeCount(4)).hasMessageContaining("cannot remove nodes");
  }

  @Test
  void portOffsetShiftsNodePortsAndIsKeptWhenGrowing() {
    ClusterLayout l = ClusterLayout.standard(3, 6, 9000, 1000).withNodeCount(4);
    assertThat(l.nodes()).extracting(NodeSlot::raftPort).containsExactly(8101, 8102, 8103, 8104);
    assertThat(l.nodes()).extracting(NodeSlot::grpcPort).containsExactly(8201, 8202, 8203, 8204);
    assertThat(l.nodes()).extracting(NodeSlot::httpPort).containsExactly(8301, 8302, 8303, 8304);
  }

  @Test
  void rejectsBadCountsAndColliders() {
    assertThatThrownBy(() -> ClusterLayout.standard(0, 6, 8000)).hasMessageContaining("--nodes");
    assertThatThrownBy(() -> ClusterLayout.standard(100, 6, 8000)).hasMessageContaining("--nodes");
    assertThatThrownBy(() -> ClusterLayout.standard(3, 0, 8000)).hasMessageContaining("--groups");
    assertThatThrownBy(() -> ClusterLayout.standard(3, 6, 7202))
        .hasMessageContaining("collides with a port of node n2");
    assertThatThrownBy(() -> ClusterLayout.standard(3, 6, 7303))
        .hasMessageContaining("collides with a port of node n3");
    assertThatThrownBy(() -> new ClusterLayout("127.0.0.1", List.of(), 6, 8000))
        .hasMessageContaining("at least one node");
  }
}
