package io.shoal.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.proto.GroupInfo;
import io.shoal.proto.PartitionMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionRouterTest {

  private static GroupInfo group(int id, long start, long end) {
    return GroupInfo.newBuilder().setId(id).setHashStart(start).setHashEnd(end).build();
  }

  private static PartitionMap map(GroupInfo... groups) {
    return PartitionMap.newBuilder().setVersion(9).addAllGroups(List.of(groups)).build();
  }

  private static PartitionMap evenMap(int n) {
    PartitionMap.Builder b = PartitionMap.newBuilder().setVersion(3);
    List<long[]> ranges = HashRanges.evenSplit(n);
    // Out of ring order on purpose: the router must sort unsigned.
    for (int i = n - 1; i >= 0; i--) {
      b.addGroups(group(i + 1, ranges.get(i)[0], ranges.get(i)[1]));
    }
    return b.build();
  }

  @Test
  void picksTheOwnerAtBoundaries() {
    PartitionRouter router = new PartitionRouter(evenMap(4));
    long q = 1L << 62;
    assertThat(router.version()).isEqualTo(3);
    assertThat(router.groupFor(0).getId()).isEqualTo(1);
    assertThat(router.groupFor(q - 1).getId()).isEqualTo(1);
    assertThat(router.groupFor(q).getId()).isEqualTo(2);
    assertThat(router.groupFor(Long.MAX_VALUE).getId()).isEqualTo(2);
    assertThat(router.groupFor(Long.MIN_VALUE).getId()).isEqualTo(3);
    assertThat(router.groupFor(Long.MIN_VALUE + q - 1).getId()).isEqualTo(3);
    assertThat(router.groupFor(Long.MIN_VALUE + q).getId()).isEqualTo(4);
    assertThat(router.groupFor(-1L).getId()).isEqualTo(4);
    assertThat(router.groups()).extracting(GroupInfo::getId).containsExactly(1, 2, 3, 4);
    assertThat(router.group(3)).map(GroupInfo::getHashStart).contains(Long.MIN_VALUE);
    assertThat(router.group(5)).isEmpty();
  }

  @Test
  void agreesWithContainsForRandomHashes() {
    PartitionRouter router = PartitionRouter.of(evenMap(13));
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      long h = random.nextLong();
      GroupInfo g = router.groupFor(h);
      assertThat(HashRanges.contains(g.getHashStart(), g.getHashEnd(), h)).isTrue();
    }
  }

  @Test
  void singleGroupOwnsEverything() {
    PartitionRouter router = new PartitionRouter(map(group(1, 0, 0)));
    assertThat(router.groupFor(0).getId()).isEqualTo(1);
    assertThat(router.groupFor(-1L).getId()).isEqualTo(1);
  }

  @Test
  void rejectsMapsThatDoNotTileTheRing() {
    long mid = Long.MIN_VALUE;
    List<PartitionMap> bad = new ArrayList<>();
    bad.add(map());                                                   // empty
    bad.add(map(group(1, 0, mid), group(2, mid + 5, 0)));             // gap
    bad.add(map(group(1, 0, mid + 5), group(2, mid, 0)));             // overlap
    bad.add(map(group(1, 1, mid), group(2, mid, 0)));                 // does not start at 0
    bad.add(map(group(1, 0, mid)));                                   // does not reach 2^64
    bad.add(map(group(1, 0, 0), group(2, mid, 0)));                   // first range is the whole ring
    bad.add(map(group(1, 0, mid), group(1, mid, 0)));                 // duplicate id
    bad.add(map(group(1, 0, mid), group(2, mid, mid), group(3, mid, 0))); // empty range
    for (PartitionMap m : bad) {
      assertThatThrownBy(() -> new PartitionRouter(m))
          .as("map %s", m)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
