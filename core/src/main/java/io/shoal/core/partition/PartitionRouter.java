package io.shoal.core.partition;

import io.shoal.proto.GroupInfo;
import io.shoal.proto.PartitionMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a partition hash to its group under one partition map version. Immutable: a new map version
 * means a new router, so a lookup never sees half of an update.
 *
 * <p>The constructor insists that the groups tile the ring exactly (no gap, no overlap, no empty
 * range): a hash with no owner, or two owners, would silently lose or fork writes.
 */
public final class PartitionRouter {

  private final long version;
  private final List<GroupInfo> groups;
  private final long[] starts;

  /**
   * Builds a router, validating that the map covers the whole ring exactly once.
   *
   * @throws IllegalArgumentException if the map is empty, has duplicate group ids, gaps, overlaps
   *     or empty ranges
   */
  public PartitionRouter(PartitionMap map) {
    List<GroupInfo> sorted = validatedRingOrder(map);
    this.version = map.getVersion();
    this.groups = List.copyOf(sorted);
    this.starts = new long[sorted.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = sorted.get(i).getHashStart();
    }
  }

  /** Same as the constructor. */
  public static PartitionRouter of(PartitionMap map) {
    return new PartitionRouter(map);
  }

  private static List<GroupInfo> validatedRingOrder(PartitionMap map) {
    if (map.getGroupsCount() == 0) {
      throw new IllegalArgumentException("partition map v" + map.getVersion() + " has no groups");
    }
    Set<Integer> ids = new HashSet<>();
    for (GroupInfo g : map.getGroupsList()) {
      if (!ids.add(g.getId())) {
        throw new IllegalArgumentException("duplicate group id " + g.getId());
      }
    }
    List<GroupInfo> sorted = new ArrayList<>(map.getGroupsList());
    sorted.sort(Comparator.comparing(GroupInfo::getHashStart, Long::compareUnsigned));
    long expectedStart = 0;
    for (int i = 0; i < sorted.size(); i++) {
      GroupInfo g = sorted.get(i);
      boolean last = i == sorted.size() - 1;
      if (g.getHashStart() != expectedStart) {
        throw new IllegalArgumentException(String.format(
            "group %d starts at %s but the previous range ends at %s (%s)", g.getId(),
            Long.toUnsignedString(g.getHashStart()), Long.toUnsignedString(expectedStart),
            Long.compareUnsigned(g.getHashStart(), expectedStart) > 0 ? "gap" : "overlap"));
      }
      if (g.getHashEnd() != 0 && Long.compareUnsigned(g.getHashEnd(), g.getHashStart()) <= 0) {
        throw new IllegalArgumentException("group " + g.getId() + " has an empty or inverted range");
      }
      if (g.getHashEnd() == 0 && !last) {
        throw new IllegalArgumentException(
            "group " + g.getId() + " ends at 2^64 but is not the last range (overlap)");
      }
      if (last && g.getHashEnd() != 0) {
        throw new IllegalArgumentException(
            "ring not covered: last range ends at " + Long.toUnsignedString(g.getHashEnd()) + " (gap)");
      }
      expectedStart = g.getHashEnd();
    }
    return sorted;
  }

  /** The group whose range contains {@code hash} (unsigned). */
  public GroupInfo groupFor(long hash) {
    // Largest start <= hash; starts[0] == 0, so there is always one.
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (Long.compareUnsigned(starts[mid], hash) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return groups.get(lo);
  }

  /** The group with this id, if the map has it. */
  public Optional<GroupInfo> group(int groupId) {
    return groups.stream().filter(g -> g.getId() == groupId).findFirst();
  }

  /** All groups in ring order. */
  public List<GroupInfo> groups() {
    return groups;
  }

  public long version() {
    return version;
  }
}
