package io.shoal.core.partition;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import com.google.common.primitives.Longs;

/**
 * The hash that places a partition key on the ring.
 *
 * <p>The value is murmur3_x64_128 (seed 0, Guava's {@code Hashing.murmur3_128()}) over the table id
 * as 8 big-endian bytes followed by the partition key bytes, truncated to its first 64 bits
 * ({@code HashCode.asLong()}). Callers treat it as an UNSIGNED position: compare with
 * {@link Long#compareUnsigned}. Mixing in the table id spreads each table over every group instead of
 * stacking equal keys of different tables on one group.
 *
 * <p>Changing any part of this breaks the on-disk layout: stored items would belong to groups that
 * no longer own their hashes. The golden values in PartitionHashTest guard against that.
 */
public final class PartitionHash {

  private static final HashFunction MURMUR = Hashing.murmur3_128();

  private PartitionHash() {}

  public static long hash(long tableId, byte[] pkBytes) {
    return MURMUR.newHasher(Long.BYTES + pkBytes.length)
        .putBytes(Longs.toByteArray(tableId)) // big-endian; Hasher.putLong would be little-endian
        .putBytes(pkBytes)
        .hash()
        .asLong();
  }
}
