package io.shoal.admin.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One closed-loop run: {@code clients} connections to {@code endpoint}, connection i sending what
 * {@code sources.apply(i)} gives it, one request outstanding at a time. The warm-up is not recorded; the measured
 * window ends after {@code duration}, after {@code opsLimit} measured requests (0: no limit) or when every source
 * has run dry, whichever comes first. {@code ops} are the kinds reported (in that order).
 */
public record LoadPlan(String label, Endpoint endpoint, int clients, IntFunction<RequestSource> sources,
    List<OpKind> ops, Duration warmup, Duration duration, long opsLimit, Duration requestTimeout) {

  public LoadPlan {
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be at least 1, got " + clients);
    }
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a plan reports at least one op kind");
    }
    ops = List.copyOf(ops);
  }
}
