package io.shoal.admin.drill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.check.HistoryRecorder;
import io.shoal.admin.check.Op;
import io.shoal.admin.check.OpKind;
import io.shoal.admin.check.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The drills' load: client threads mixing a set workload (puts of keys no one else writes, so every acknowledged one
 * must be there at the end) with a register workload on a few shared keys (puts of unique values, strongly
 * consistent gets and conditional puts, checked for linearizability). Every call goes into a {@link HistoryRecorder}:
 * 200 is OK, a refusal that surely changed nothing (ConditionalCheckFailed, other 4xx) is FAIL, anything else
 * (5xx, timeout, connection error) is INFO: it may or may not have happened.
 */
final class Workload {
  static final String SET_PREFIX = "s-";
  static final String REGISTER_PREFIX = "r-";

  private final DynamoHttp http;
  private final String table;
  private final int clients;
  private final int registers;
  private final long seed;
  private final HistoryRecorder history = new HistoryRecorder();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();

  Workload(DynamoHttp http, String table, int clients, int registers, long seed) {
    this.http = http;
    this.table = table;
    this.clients = clients;
    this.registers = registers;
    this.seed = seed;
  }

  void start() {
    for (int c = 0; c < clients; c++) {
      int process = c;
      Thread t = new Thread(() -> run(process, new Random(seed + process)), "drill-client-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  void stop() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
  }

  List<Op> history() {
    return history.history();
  }

  /** Client-visible errors by {@code __type} (or "timeout", "io", "http-5xx"), with counts. */
  Map<String, LongAdder> errors() {
    return errors;
  }

  private void run(int process, Random random) {
    long n = 0;
    while (!stop.get()) {
      n++;
      try {
        if (random.nextInt(4) == 0) {
          register(process, random, n);
        } else {
          String key = SET_PREFIX + process + "-" + n;
          HistoryRecorder.Handle h = history.put(process, key, key);
          finish(h, call("PutItem", item(key, key)), null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void register(int process, Random random, long n) throws InterruptedException {
    String key = REGISTER_PREFIX + random.nextInt(registers);
    String value = process + ":" + n;
    switch (random.nextInt(3)) {
      case 0 -> finish(history.put(process, key, value), call("PutItem", item(key, value)), null);
      case 1 -> {
        HistoryRecorder.Handle h = history.get(process, key);
        ObjectNode req = DynamoHttp.JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
        req.putObject("Key").putObject("pk").put("S", key);
        finish(h, call("GetItem", req), "read");
      }
      default -> {
        // Expect the value this client last saw is too rare a hit; expecting "absent" or a recent value is enough
        // to exercise both outcomes of the condition.
        String expected = random.nextBoolean() ? null : process + ":" + (n - 1);
        HistoryRecorder.Handle h = history.cas(process, key, expected, value);
        ObjectNode req = item(key, value);
        if (expected == null) {
          req.put("ConditionExpression", "attribute_not_exists(pk)");
        } else {
          req.put("ConditionExpression", "v = :e");
          req.putObject("ExpressionAttributeValues").putObject(":e").put("S", expected);
        }
        finish(h, call("PutItem", req), null);
      }
    }
  }

  /** The call's response, or null when its outcome is unknown (already counted as an error). */
  private DynamoHttp.Response call(String op, ObjectNode req) throws InterruptedException {
    try {
      return http.call(op, req);
    } catch (java.net.http.HttpTimeoutException e) {
      count("timeout");
    } catch (IOException e) {
      count("io");
    }
    return null;
  }

  private ObjectNode item(String key, String value) {
    ObjectNode req = DynamoHttp.JSON.createObjectNode().put("TableName", table);
    ObjectNode item = req.putObject("Item");
    item.putObject("pk").put("S", key);
    item.putObject("v").put("S", value);
    return req;
  }

  private void finish(HistoryRecorder.Handle h, DynamoHttp.Response r, String read) {
    if (r == null) {
      h.info();
    } else if (r.status() == 200) {
      if (read != null) {
        h.ok(r.body().path("Item").path("v").path("S").isMissingNode() ? null
            : r.body().path("Item").path("v").path("S").asText());
      } else {
        h.ok();
      }
    } else if (r.status() >= 500) {
      count(r.type().isEmpty() ? "http-" + r.status() : r.type());
      h.info();
    } else {
      if (!"ConditionalCheckFailedException".equals(r.type())) {
        count(r.type());
      }
      h.fail();
    }
  }

  private void count(String what) {
    errors.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  static boolean isSetPut(Op op) {
    return op.kind() == OpKind.PUT && op.key().startsWith(SET_PREFIX);
  }

  static boolean acknowledged(Op op) {
    return op.outcome() == Outcome.OK;
  }
}
