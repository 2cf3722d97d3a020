package io.shoal.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shoal.core.metrics.JvmMeters;
import io.shoal.router.cluster.RoutingEvents;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The router's meters. Micrometer names ({@code shoal.router.requests}) become Prometheus names with the unit and
 * {@code _total} suffixes ({@code shoal_router_requests_total}, {@code shoal_router_request_duration_seconds}).
 *
 * <p>Meters are cached per label combination: the request path looks a counter up in one map instead of building a
 * Micrometer id per request.
 */
public final class RouterMetrics implements RoutingEvents {
  /**
   * Latency buckets: fixed SLO boundaries rather than Micrometer's percentile histogram, which publishes ~70 buckets
   * per operation; these 14 cover a cached GetItem (sub-millisecond) up to the 12 s retry budget of a failover.
   */
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(15)};

  private final PrometheusMeterRegistry registry;
  private final AtomicInteger inflight = new AtomicInteger();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<RoutingEvents.Retry, Counter> retries = new EnumMap<>(RoutingEvents.Retry.class);

  /** Meters in a fresh registry, without JVM metrics (tests). */
  public RouterMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public RouterMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("shoal.router.requests.inflight", inflight, AtomicInteger::get)
        .description("DynamoDB API requests received and not yet answered").register(registry);
    for (RoutingEvents.Retry r : RoutingEvents.Retry.values()) {
      retries.put(r, Counter.builder("shoal.router.group.retries").tag("reason", r.label())
          .description("Group requests sent again: leader redirects, elections, unreachable nodes, stale maps")
          .register(registry));
    }
  }

  /** The process's meters: these plus JVM memory, GC, threads, class loading, CPU and uptime. */
  public static RouterMetrics withJvmMetrics() {
    RouterMetrics m = new RouterMetrics();
    JvmMeters.bindTo(m.registry);
    return m;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in Prometheus text format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Gauges over the cluster client's partition map: its version and the seconds since the metadata group last
   * confirmed it (a map that stops being refreshed may route to old leaders). Both are -1 before the first map.
   */
  public void watchPartitionMap(LongSupplier version, LongSupplier refreshedAtMs, LongSupplier nowMs) {
    Gauge.builder("shoal.router.partition.map.version", () -> version.getAsLong())
        .description("Version of the partition map the router routes with (-1: none yet)").register(registry);
    Gauge.builder("shoal.router.partition.map.age", () -> {
      long at = refreshedAtMs.getAsLong();
      return at == 0 ? -1 : (nowMs.getAsLong() - at) / 1000.0;
    }).baseUnit("seconds").description("Time since the metadata group last confirmed the partition map (-1: never)")
        .register(registry);
  }

  @Override
  public void retried(RoutingEvents.Retry reason) {
    retries.get(reason).increment();
  }

  /** API requests received and not yet answered. */
  public int inflight() {
    return inflight.get();
  }

  /** Starts timing one API request; the caller must {@link Request#finish finish} it exactly once. */
  public Request start() {
    inflight.incrementAndGet();
    return new Request(System.nanoTime());
  }

  /** One API request in flight. Not thread-safe: set by the handler, finished when the response is written. */
  public final class Request {
    private final long startNanos;
    private String operation = "unknown";
    private String errorType;

    private Request(long startNanos) {
      this.startNanos = startNanos;
    }

    /** The operation label: a name from the Dispatcher's fixed list, or "unknown". */
    public void operation(String name) {
      this.operation = name;
    }

    /** The DynamoDB error type ({@code com.amazonaws.dynamodb.v20120810#ValidationException} or its short name). */
    public void error(String type) {
      this.errorType = type;
    }

    /** Records the request with the HTTP status it was answered with. */
    public void finish(int httpStatus) {
      inflight.decrementAndGet();
      String outcome = httpStatus < 400 ? "ok" : httpStatus < 500 ? "client_error" : "server_error";
      String error = httpStatus < 400 ? "none" : errorType == null ? "other" : shortType(errorType);
      String key = operation + '|' + outcome + '|' + error;
      requests.computeIfAbsent(key, k -> Counter.builder("shoal.router.requests")
          .tag("operation", operation).tag("outcome", outcome).tag("error", error)
          .description("DynamoDB API requests by operation and outcome (error: DynamoDB error type, none if ok)")
          .register(registry)).increment();
      timers.computeIfAbsent(operation, op -> Timer.builder("shoal.router.request.duration").tag("operation", op)
          .serviceLevelObjectives(LATENCY_BUCKETS)
          .description("Time from a request's arrival to its response being handed to the connection")
          .register(registry)).record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  /** {@code com.amazonaws.dynamodb.v20120810#ValidationException} -> {@code ValidationException}. */
  static String shortType(String type) {
    int hash = type.lastIndexOf('#');
    return hash < 0 ? type : type.substring(hash + 1);
  }
}
