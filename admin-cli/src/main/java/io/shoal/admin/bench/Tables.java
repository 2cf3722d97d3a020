package io.shoal.admin.bench;

import io.shoal.admin.drill.DynamoHttp;
import io.shoal.admin.bench.workload.Bodies;
import java.io.IOException;
import java.util.function.Consumer;

/** Creates the bench's table if it is missing (PAY_PER_REQUEST) and waits until DescribeTable says ACTIVE. */
final class Tables {
  private static final long WAIT_MILLIS = 120_000;

  private Tables() {}

  static void ensure(DynamoHttp http, String endpoint, String table, boolean sorted, Consumer<String> log)
      throws InterruptedException {
    try {
      describeOrCreate(http, table, sorted, log);
    } catch (IOException e) {
      throw new IllegalStateException("endpoint " + endpoint + " does not answer DynamoDB requests ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }

  private static void describeOrCreate(DynamoHttp http, String table, boolean sorted, Consumer<String> log)
      throws IOException, InterruptedException {
    String describe = "{\"TableName\":\"" + table + "\"}";
    DynamoHttp.Response d = http.call("DescribeTable", DynamoHttp.JSON.readTree(describe));
    if (d.status() != 200) {
      if (!d.type().equals("ResourceNotFoundException")) {
        throw new IllegalStateException("DescribeTable " + table + " answered " + d.status() + " " + d.body());
      }
      DynamoHttp.Response c = http.call("CreateTable", DynamoHttp.JSON.readTree(Bodies.createTable(table, sorted)));
      if (c.status() != 200 && !c.type().equals("ResourceInUseException")) {
        throw new IllegalStateException("CreateTable " + table + " answered " + c.status() + " " + c.body());
      }
      log.accept("created table " + table + (sorted ? " (pk S, sk N)" : " (pk S)"));
    }
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (true) {
      d = http.call("DescribeTable", DynamoHttp.JSON.readTree(describe));
      if (d.status() == 200 && "ACTIVE".equals(d.body().path("Table").path("TableStatus").asText())) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("table " + table + " not ACTIVE after " + WAIT_MILLIS / 1000 + " s: "
            + d.body());
      }
      Thread.sleep(200);
    }
  }
}
