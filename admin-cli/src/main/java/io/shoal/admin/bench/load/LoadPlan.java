package io.shoal.admin.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One run: {@code clients} connections to {@code endpoint}, connection i sending what {@code sources.apply(i)} gives
 * it, one request outstanding at a time. The warm-up is not recorded; the measured window ends after
 * {@code duration}, after {@code opsLimit} measured requests (0: no limit) or when every source has run dry,
 * whichever comes first. {@code ops} are the kinds reported (in that order).
 *
 * <p>{@code rate} 0 is a closed loop: a connection sends its next request as soon as the last one is answered.
 * A positive {@code rate} (requests per second, all connections together) is a fixed-rate run: see {@link Pacer}.
 */
public record LoadPlan(String label, Endpoint endpoint, int clients, IntFunction<RequestSource> sources,
    List<OpKind> ops, Duration warmup, Duration duration, long opsLimit, Duration requestTimeout, double rate) {

  /** A closed-loop run. */
  public LoadPlan(String label, Endpoint endpoint, int clients, IntFunction<RequestSource> sources,
      List<OpKind> ops, Duration warmup, Duration duration, long opsLimit, Duration requestTimeout) {
    this(label, endpoint, clients, sources, ops, warmup, duration, opsLimit, requestTimeout, 0);
  }

  public LoadPlan {
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be at least 1, got " + clients);
    }
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a plan reports at least one op kind");
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate must be 0 (closed loop) or a positive number, got " + rate);
    }
    ops = List.copyOf(ops);
  }
}
