package io.shoal.node.group;

import io.shoal.core.partition.HashRanges;

/** The slice [start, end) of the unsigned 64-bit hash space a group owns; end 0 means 2^64. */
public record GroupRange(int groupId, long start, long end) {
  public boolean contains(long hash) {
    return HashRanges.contains(start, end, hash);
  }
}
