package io.shoal.admin.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shoal.admin.bench.report.OpResult;
import io.shoal.admin.bench.report.RunResult;
import io.shoal.admin.bench.stub.CannedResponse;
import io.shoal.admin.bench.stub.StubResponses;
import io.shoal.admin.bench.stub.StubServer;
import io.shoal.admin.bench.workload.Sources;
import io.shoal.admin.bench.workload.Workload;
import io.shoal.admin.bench.workload.WorkloadSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The closed loop against the in-process stub: what it counts as ops, errors and condition failures. */
class LoadClientTest {
  static final WorkloadSpec SPEC = new WorkloadSpec("bench_kv", 1000, 256, 20, 10, 1000, 1);
  static final StubResponses REALISTIC = StubResponses.realistic(256, 20, 1);
  static LoadClient client;

  @BeforeAll
  static void start() {
    client = new LoadClient(1);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  /** Realistic answers, each held {@code millis} first when {@code when} says so (a slow or stalling server). */
  static StubResponses pausing(long millis, BooleanSupplier when) {
    return op -> {
      if (when.getAsBoolean()) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return REALISTIC.answer(op);
    };
  }

  static RunResult run(StubServer stub, Workload w, int clients, long opsLimit, Duration duration) throws Exception {
    return run(EndpointGuard.endpoint(stub.url()), w, clients, opsLimit, duration, Duration.ofSeconds(5));
  }

  static RunResult run(Endpoint e, Workload w, int clients, long opsLimit, Duration duration, Duration timeout)
      throws Exception {
    return client.run(new LoadPlan("test", e, clients, Sources.of(w, SPEC, e.hostHeader()), w.ops(), Duration.ZERO,
        duration, opsLimit, timeout), null);
  }

  @Test
  void countsEveryAnsweredRequestAndStopsAtTheOpsLimit() throws Exception {
    try (StubServer stub = StubServer.start(0, REALISTIC)) {
      RunResult r = run(stub, Workload.PUT, 4, 2000, Duration.ofSeconds(30));
      OpResult put = r.op("PutItem").orElseThrow();
      assertThat(put.ops()).isEqualTo(2000);
      assertThat(put.errors()).isZero();
      assertThat(put.conditionFailed()).isZero();
      assertThat(put.p50Ms()).isPositive().isLessThanOrEqualTo(put.p99Ms());
      assertThat(put.p99Ms()).isLessThanOrEqualTo(put.maxMs());
      assertThat(r.seconds()).isLessThan(30);
      assertThat(r.totalErrors()).isZero();
    }
  }

  @Test
  void aFixedRateRunSendsAtTheRateNotAsFastAsTheServerAnswers() throws Exception {
    try (StubServer stub = StubServer.start(0, REALISTIC)) {
      RunResult r = client.run(new LoadPlan("rate", EndpointGuard.endpoint(stub.url()), 8,
          Sources.of(Workload.PUT, SPEC, "127.0.0.1"), Workload.PUT.ops(), Duration.ZERO, Duration.ofSeconds(2), 0,
          Duration.ofSeconds(5), 200), null);
      OpResult put = r.op("PutItem").orElseThrow();
      // 200/s for 2 s is 400 requests; the stub alone answers thousands per second (the ceiling runs).
      assertThat(put.ops()).isBetween(200L, 410L);
      assertThat(put.errors()).isZero();
    }
  }

  @Test
  void aFixedRateRunCountsTheWaitBehindASlowServerAsLatency() throws Exception {
    // One connection to a server that takes 50 ms per request can send 20 a second; asked for 100 a second, every
    // request is later than the last, and its latency from its due time grows with the run.
    StubResponses slow = pausing(50, () -> true);
    try (StubServer stub = StubServer.start(0, slow)) {
      Endpoint e = EndpointGuard.endpoint(stub.url());
      OpResult closed = run(e, Workload.PUT, 1, 0, Duration.ofSeconds(2), Duration.ofSeconds(5))
          .op("PutItem").orElseThrow();
      OpResult paced = client.run(new LoadPlan("rate", e, 1, Sources.of(Workload.PUT, SPEC, "127.0.0.1"),
          Workload.PUT.ops(), Duration.ZERO, Duration.ofSeconds(2), 0, Duration.ofSeconds(5), 100), null)
          .op("PutItem").orElseThrow();

      assertThat(closed.p99Ms()).as("closed loop: each request's own 50 ms").isBetween(45.0, 400.0);
      assertThat(paced.ops()).as("the server's pace, not the asked rate").isLessThanOrEqualTo(45);
      assertThat(paced.p50Ms()).as("fixed rate: the wait behind earlier requests counts").isGreaterThan(400.0);
      assertThat(paced.maxMs()).isGreaterThan(1000.0);
    }
  }

  @Test
  void aRequestDueInTheWarmUpIsNotMeasuredWhenItsAnswerComesInTheWindow() throws Exception {
    // The first request is held 2 s, past the 1.5 s warm-up: its 2 s belong to the warm-up. The requests due from
    // the window's start wait behind it on the one connection and are measured, about 0.5 s at most.
    AtomicInteger seen = new AtomicInteger();
    StubResponses firstStalls = pausing(2000, () -> seen.getAndIncrement() == 0);
    try (StubServer stub = StubServer.start(0, firstStalls)) {
      OpResult put = client.run(new LoadPlan("rate", EndpointGuard.endpoint(stub.url()), 1,
          Sources.of(Workload.PUT, SPEC, "127.0.0.1"), Workload.PUT.ops(), Duration.ofMillis(1500),
          Duration.ofSeconds(2), 0, Duration.ofSeconds(5), 100), null).op("PutItem").orElseThrow();
      assertThat(put.maxMs()).as("counted from its own due time, it would be about 2,000 ms").isLessThan(1200.0);
      assertThat(put.maxMs()).as("the wait behind it still counts").isGreaterThan(300.0);
    }
  }

  @Test
  void aTimedRunEndsOnTimeAndReportsQueryItemsAndBatchUnprocessed() throws Exception {
    try (StubServer stub = StubServer.start(0, REALISTIC)) {
      long t0 = System.nanoTime();
      RunResult q = run(stub, Workload.QUERY, 2, 0, Duration.ofMillis(700));
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
      assertThat(q.seconds()).isBetween(0.6, 2.0);
      OpResult query = q.op("Query").orElseThrow();
      assertThat(query.ops()).isPositive();
      assertThat(query.avgItems()).hasValue(20.0);
      RunResult b = run(stub, Workload.BATCH_WRITE, 2, 50, Duration.ofSeconds(10));
      assertThat(b.op("BatchWriteItem").orElseThrow().unprocessedItems()).hasValue(0);
    }
  }

  @Test
  void serverErrorsAreCountedByStatusNotAsOps() throws Exception {
    ByteBuf fail = CannedResponse.of(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
        + "\"message\":\"boom\"}");
    try (StubServer stub = StubServer.start(0, op -> fail)) {
      RunResult r = run(stub, Workload.PUT, 2, 0, Duration.ofMillis(500));
      OpResult put = r.op("PutItem").orElseThrow();
      assertThat(put.ops()).isZero();
      assertThat(put.errorsByType()).containsOnlyKeys("InternalServerError (500)");
      assertThat(put.errors()).isPositive();
      assertThat(put.errorSamples()).containsEntry("InternalServerError (500)", "boom");
      assertThat(Double.isNaN(put.p99Ms())).isTrue();
    }
  }

  @Test
  void conditionalCheckFailuresAreAnswersCountedApart() throws Exception {
    AtomicLong n = new AtomicLong();
    ByteBuf failed = CannedResponse.of(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810"
        + "#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");
    ByteBuf ok = CannedResponse.of(200, "{}");
    try (StubServer stub = StubServer.start(0, op -> n.incrementAndGet() % 4 == 0 ? failed : ok)) {
      RunResult r = run(stub, Workload.COND_INCREMENT, 1, 1000, Duration.ofSeconds(30));
      OpResult u = r.op("UpdateItem").orElseThrow();
      assertThat(u.ops()).isEqualTo(1000);
      assertThat(u.conditionFailed()).isEqualTo(250);
      assertThat(u.errors()).isZero();
    }
  }

  @Test
  void aServerThatClosesConnectionsIsFollowedByReconnects() throws Exception {
    ByteBuf closing = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
        + "Connection: close\r\n\r\n{}", StandardCharsets.US_ASCII));
    try (StubServer stub = StubServer.start(0, op -> closing)) {
      RunResult r = run(stub, Workload.PUT, 2, 200, Duration.ofSeconds(30));
      assertThat(r.op("PutItem").orElseThrow().ops()).isEqualTo(200);
      assertThat(r.totalErrors()).isZero();
    }
  }

  @Test
  void aRefusedConnectionIsAnErrorAndTheRunGoesOn() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RunResult r = run(EndpointGuard.endpoint("http://127.0.0.1:" + port), Workload.PUT, 2, 0,
        Duration.ofMillis(600), Duration.ofSeconds(5));
    assertThat(r.op("PutItem").orElseThrow().ops()).isZero();
    assertThat(r.connectionErrors().keySet()).anyMatch(k -> k.startsWith("connect failed"));
    assertThat(r.connectionErrors().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(2);
  }

  @Test
  void anUnansweredRequestTimesOutAndItsConnectionIsReplaced() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket s = silent.accept();
            synchronized (accepted) {
              accepted.add(s);
            }
          }
        } catch (IOException e) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      RunResult r = run(EndpointGuard.endpoint("http://127.0.0.1:" + silent.getLocalPort()), Workload.PUT, 1, 0,
          Duration.ofMillis(1200), Duration.ofMillis(300));
      OpResult put = r.op("PutItem").orElseThrow();
      assertThat(put.ops()).isZero();
      assertThat(put.errorsByType().get("timeout")).isBetween(2L, 5L);
      synchronized (accepted) {
        assertThat(accepted.size()).isGreaterThanOrEqualTo(3); // a new connection after each timeout
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }
}
