package io.shoal.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.core.partition.HashRanges;
import io.shoal.core.partition.PartitionRouter;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.Replica;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlacementTest {

  private static NodeInfo node(String id, String zone) {
    return NodeInfo.newBuilder().setId(id).setZone(zone).build();
  }

  private static final List<NodeInfo> THREE = List.of(node("n1", "a"), node("n2", "b"), node("n3", "c"));
  private static final List<NodeInfo> SIX = List.of(
      node("n1", "a"), node("n2", "b"), node("n3", "c"), node("n4", "a"), node("n5", "b"), node("n6", "c"));
  // n1 and n2 share zone a; n3 and n4 are alone in theirs.
  private static final List<NodeInfo> FOUR_UNEVEN = List.of(
      node("n1", "a"), node("n2", "a"), node("n3", "b"), node("n4", "c"));

  private static void assertWellFormed(List<NodeInfo> nodes, List<GroupInfo> groups, int count) {
    Map<String, String> zoneOf = nodes.stream().collect(Collectors.toMap(NodeInfo::getId, NodeInfo::getZone));
    assertThat(groups).hasSize(count);
    List<long[]> ranges = HashRanges.evenSplit(count);
    for (int i = 0; i < count; i++) {
      GroupInfo g = groups.get(i);
      assertThat(g.getId()).isEqualTo(i + 1);
      assertThat(g.getEpoch()).isEqualTo(1);
      assertThat(new long[] {g.getHashStart(), g.getHashEnd()}).containsExactly(ranges.get(i));
      assertThat(g.getReplicasList()).hasSize(3);
      assertThat(g.getReplicasList().stream().map(r -> zoneOf.get(r.getNodeId())).distinct())
          .as("zones of group %d", g.getId()).hasSize(3);
      assertThat(g.getReplicasList().stream().filter(Replica::getPreferredLeader))
          .as("preferred leaders of group %d", g.getId()).hasSize(1);
    }
    // The result must be a valid partition map.
    new PartitionRouter(PartitionMap.newBuilder().addAllGroups(groups).build());
  }

  private static Map<String, Integer> replicaCounts(List<NodeInfo> nodes, List<GroupInfo> groups) {
    Map<String, Integer> counts = new HashMap<>();
    nodes.forEach(n -> counts.put(n.getId(), 0));
    groups.forEach(g -> g.getReplicasList().forEach(r -> counts.merge(r.getNodeId(), 1, Integer::sum)));
    return counts;
  }

  private static Map<String, Integer> leaderCounts(List<NodeInfo> nodes, List<GroupInfo> groups) {
    Map<String, Integer> counts = new HashMap<>();
    nodes.forEach(n -> counts.put(n.getId(), 0));
    groups.forEach(g -> g.getReplicasList().stream().filter(Replica::getPreferredLeader)
        .forEach(r -> counts.merge(r.getNodeId(), 1, Integer::sum)));
    return counts;
  }

  private static int spread(Map<String, Integer> counts) {
    return Collections.max(counts.values()) - Collections.min(counts.values());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 8, 10})
  void threeNodesInThreeZonesHostEveryGroup(int count) {
    List<GroupInfo> groups = Placement.place(THREE, count);
    assertWellFormed(THREE, groups, count);
    assertThat(replicaCounts(THREE, groups).values()).containsOnly(count);
    assertThat(spread(leaderCounts(THREE, groups))).isLessThanOrEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 6, 8, 12, 17})
  void sixNodesInThreeZonesAreBalanced(int count) {
    List<GroupInfo> groups = Placement.place(SIX, count);
    assertWellFormed(SIX, groups, count);
    assertThat(spread(replicaCounts(SIX, groups))).isLessThanOrEqualTo(1);
    assertThat(spread(leaderCounts(SIX, groups))).isLessThanOrEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 7, 8})
  void unevenZonesStillGetOneReplicaPerZone(int count) {
    List<GroupInfo> groups = Placement.place(FOUR_UNEVEN, count);
    assertWellFormed(FOUR_UNEVEN, groups, count);
    Map<String, Integer> replicas = replicaCounts(FOUR_UNEVEN, groups);
    // Alone in their zones, n3 and n4 must host every group; n1 and n2 split zone a evenly.
    assertThat(replicas.get("n3")).isEqualTo(count);
    assertThat(replicas.get("n4")).isEqualTo(count);
    assertThat(Math.abs(replicas.get("n1") - replicas.get("n2"))).isLessThanOrEqualTo(1);
    assertThat(spread(leaderCounts(FOUR_UNEVEN, groups))).isLessThanOrEqualTo(1);
  }

  @Test
  void isDeterministicWhateverTheInputOrder() {
    List<NodeInfo> shuffled = new ArrayList<>(SIX);
    Collections.shuffle(shuffled, new Random(5));
    assertThat(Placement.place(shuffled, 9)).isEqualTo(Placement.place(SIX, 9));
    assertThat(Placement.place(SIX, 9)).isEqualTo(Placement.place(SIX, 9));
  }

  @Test
  void refusesFewerThanThreeZones() {
    List<NodeInfo> twoZones = List.of(node("n1", "a"), node("n2", "b"), node("n3", "a"), node("n4", "b"));
    assertThatThrownBy(() -> Placement.place(twoZones, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 3 distinct zones")
        .hasMessageContaining("[a, b]");
    assertThatThrownBy(() -> Placement.place(List.of(), 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> Placement.place(THREE, 0)).isInstanceOf(IllegalArgumentException.class);
    List<NodeInfo> dup = List.of(node("n1", "a"), node("n1", "b"), node("n3", "c"));
    assertThatThrownBy(() -> Placement.place(dup, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
