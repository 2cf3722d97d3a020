package io.shoal.node.metrics;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shoal.proto.RpcError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every gRPC call the node serves (router reads and writes, heartbeats, catalog calls) as
 * {@code shoal_node_rpc_requests_total{service,method,code}} and {@code shoal_node_rpc_duration_seconds}.
 *
 * <p>Our services answer most failures inside the response ({@code RpcError} in an {@code error} field, e.g.
 * NOT_LEADER) with gRPC status OK, so {@code code} is that error's code when present, else the gRPC status. Both
 * are enums: the label set is fixed.
 */
public final class RpcMetricsInterceptor implements ServerInterceptor {
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  RpcMetricsInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String full = call.getMethodDescriptor().getServiceName();
    String service = full == null ? "unknown" : full.substring(full.lastIndexOf('.') + 1);
    String method = call.getMethodDescriptor().getBareMethodName();
    long started = System.nanoTime();
    return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<Q, R>(call) {
      private String appError;

      @Override
      public void sendMessage(R message) {
        if (appError == null) {
          appError = errorCode(message);
        }
        super.sendMessage(message);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        String code = status.isOk() && appError != null ? appError : status.getCode().name();
        record(service, method, code, System.nanoTime() - started);
        super.close(status, trailers);
      }
    }, headers);
  }

  private void record(String service, String method, String code, long nanos) {
    counters.computeIfAbsent(service + '/' + method + '/' + code, k -> Counter.builder("shoal.node.rpc.requests")
        .tag("service", service).tag("method", method).tag("code", code)
        .description("gRPC calls served, by outcome: OK, an RpcError code (NOT_LEADER, ...) or a gRPC status")
        .register(registry)).increment();
    timers.computeIfAbsent(service + '/' + method, k -> Timer.builder("shoal.node.rpc.duration")
        .tag("service", service).tag("method", method).serviceLevelObjectives(LATENCY_BUCKETS)
        .description("Time from a gRPC call's arrival to its close").register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The code of the response's {@code error} field when set to a non-OK RpcError, else null. */
  private static String errorCode(Object message) {
    if (!(message instanceof Message m)) {
      return null;
    }
    Descriptors.FieldDescriptor f = m.getDescriptorForType().findFieldByName("error");
    if (f == null || f.getType() != Descriptors.FieldDescriptor.Type.MESSAGE || !m.hasField(f)) {
      return null;
    }
    Object v = m.getField(f);
    if (v instanceof RpcError e && e.getCodeValue() != 0) {
      return e.getCode().name();
    }
    return null;
  }
}
