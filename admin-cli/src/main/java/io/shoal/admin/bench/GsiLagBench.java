package io.shoal.admin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.drill.DynamoHttp;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady writes to a table with a GSI; a sample of them is followed until a Query on the index returns the entry.
 * Each written item gets a unique index key, so "visible" is unambiguous: the Query returns exactly that item. The
 * lag measured is what a client sees (acknowledgement to visibility), including the poll interval's granularity.
 */
public final class GsiLagBench {
  /** Settings; {@code rate} is writes per second over all writers (0: as fast as they go). */
  public record Settings(String table, int writers, int rate, int seconds, int sampleEvery, int pollMillis,
      int maxWrites) {}

  private final DynamoHttp http;
  private final Settings s;
  private final PrintWriter out;

  public GsiLagBench(DynamoHttp http, Settings settings, PrintWriter out) {
    this.http = http;
    this.s = settings;
    this.out = out;
  }

  public LagReport run() throws Exception {
    ensureTable();
    LagReport report = new LagReport();
    ExecutorService writers = Executors.newFixedThreadPool(s.writers());
    ExecutorService followers = Executors.newFixedThreadPool(Math.max(2, s.writers()));
    AtomicLong seq = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(s.seconds());
    long intervalNanos = s.rate() > 0 ? TimeUnit.SECONDS.toNanos(1) * s.writers() / s.rate() : 0;
    for (int w = 0; w < s.writers(); w++) {
      int writer = w;
      writers.submit(() -> {
        long next = System.nanoTime();
        while (System.nanoTime() < end && seq.get() < s.maxWrites()) {
          long n = seq.incrementAndGet();
          String tag = "w" + writer + "-" + n;
          boolean ok = put("k" + n, tag);
          long acked = System.nanoTime();
          report.write(ok);
          if (ok && n % s.sampleEvery() == 0) {
            followers.submit(() -> follow(tag, acked, report));
          }
          if (intervalNanos > 0) {
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
          }
        }
        return null;
      });
    }
    writers.shutdown();
    writers.awaitTermination(s.seconds() + 60L, TimeUnit.SECONDS);
    report.elapsed((System.nanoTime() - start) / 1e9);
    followers.shutdown();
    followers.awaitTermination(60, TimeUnit.SECONDS);
    return report;
  }

  private boolean put(String pk, String tag) {
    ObjectNode req = DynamoHttp.JSON.createObjectNode().put("TableName", s.table());
    ObjectNode item = req.putObject("Item");
    item.putObject("pk").put("S", pk);
    item.putObject("tag").put("S", tag);
    item.putObject("payload").put("S", "x".repeat(200));
    try {
      return http.call("PutItem", req).status() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Polls the index for the tag until it shows (or 30 s pass) and records the lag after the acknowledgement. */
  private void follow(String tag, long ackedNanos, LagReport report) {
    ObjectNode req = DynamoHttp.JSON.createObjectNode().put("TableName", s.table()).put("IndexName", "byTag")
        .put("KeyConditionExpression", "tag = :t");
    req.putObject("ExpressionAttributeValues").putObject(":t").put("S", tag);
    long deadline = ackedNanos + TimeUnit.SECONDS.toNanos(30);
    try {
      while (System.nanoTime() < deadline) {
        DynamoHttp.Response r = http.call("Query", req);
        if (r.status() == 200 && r.body().path("Count").asInt() == 1) {
          report.visibleAfter((System.nanoTime() - ackedNanos) / 1000);
          return;
        }
        Thread.sleep(s.pollMillis());
      }
    } catch (IOException e) {
      // counted below as never seen
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    report.neverSeen();
  }

  private void ensureTable() throws IOException, InterruptedException {
    ObjectNode describe = DynamoHttp.JSON.createObjectNode().put("TableName", s.table());
    if (http.call("DescribeTable", describe).status() == 200) {
      return;
    }
    JsonNode create = DynamoHttp.JSON.readTree("{\"TableName\":\"" + s.table() + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
        + "{\"AttributeName\":\"tag\",\"AttributeType\":\"S\"}],"
        + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
        + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"byTag\",\"KeySchema\":[{\"AttributeName\":\"tag\","
        + "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}]}");
    DynamoHttp.Response r = http.call("CreateTable", create);
    if (r.status() != 200) {
      throw new IllegalStateException("CreateTable " + s.table() + " failed: " + r.body());
    }
    out.println("created table " + s.table() + " with GSI byTag");
    out.flush();
  }
}
