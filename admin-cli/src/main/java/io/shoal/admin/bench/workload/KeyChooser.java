package io.shoal.admin.bench.workload;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;

/** Picks the next key number in [0, n). One per connection: not thread-safe. */
public interface KeyChooser {
  /** YCSB's skew: {@code zipfianconstant = 0.99}. */
  double ZIPF_EXPONENT = 0.99;

  long next();

  static KeyChooser uniform(int n, SplittableRandom random) {
    return () -> random.nextInt(n);
  }

  /**
   * Zipfian over [0, n), key 0 the hottest. Apache commons-rng's rejection-inversion sampler rather than a copy of
   * YCSB's ZipfianGenerator: it is exact, O(1) per sample with no O(n) zeta computation at start, and tested upstream.
   * YCSB then scrambles ranks with a hash so hot keys are not neighbours; Shoal (like DynamoDB) hashes partition
   * keys, so neighbouring key numbers already land on unrelated partitions and the scramble would change nothing.
   */
  static KeyChooser zipfian(int n, SplittableRandom random) {
    UniformRandomProvider rng = random::nextLong;
    var sampler = RejectionInversionZipfSampler.of(rng, n, ZIPF_EXPONENT);
    return () -> sampler.sample() - 1;
  }
}
