package io.shoal.admin.bench;

import io.shoal.admin.bench.workload.ItemJson;
import io.shoal.admin.bench.workload.Sources;
import io.shoal.admin.bench.workload.Workload;
import io.shoal.admin.bench.workload.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of one {@code shoal bench run}, as typed by the user; {@link #validate()} enforces the hard caps with
 * messages a person can act on. {@code compare} is null outside compare mode, {@code table} null for the workload's
 * default, {@code ops} 0 for no limit.
 */
public record BenchSettings(Workload workload, String endpoint, String compare, List<Integer> clients,
    int durationSecs, long ops, int warmupSecs, int itemSize, int records, boolean preload, int preloadClients,
    boolean ceiling, int ceilingSecs, int rounds, String table, int queryLimit, int counterKeys, long counterLimit,
    long seed, int ioThreads, int requestTimeoutMs, double rate) {

  /** The longest measured run (and warm-up, and ceiling run) the bench will do: it is a benchmark, not a soak. */
  public static final int MAX_SECONDS = 600;
  public static final int MAX_CLIENTS = 4096;
  public static final double MAX_RATE = 1_000_000;
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  public BenchSettings {
    clients = List.copyOf(clients);
  }

  public void validate() {
    require(!clients.isEmpty() && clients.stream().allMatch(c -> c >= 1 && c <= MAX_CLIENTS),
        "--clients takes a list of counts from 1 to " + MAX_CLIENTS + ", e.g. 1,4,16,64");
    require(durationSecs >= 1 && durationSecs <= MAX_SECONDS,
        "--duration-secs must be from 1 to " + MAX_SECONDS + " (got " + durationSecs + ")");
    require(warmupSecs >= 0 && warmupSecs <= MAX_SECONDS, "--warmup-secs must be from 0 to " + MAX_SECONDS);
    require(ceilingSecs >= 1 && ceilingSecs <= MAX_SECONDS, "--ceiling-secs must be from 1 to " + MAX_SECONDS);
    require(ops >= 0, "--ops must not be negative");
    require(itemSize >= ItemJson.MIN_ITEM_SIZE && itemSize <= 400 * 1024,
        "--item-size must be from " + ItemJson.MIN_ITEM_SIZE + " to 409600 bytes (DynamoDB's item limit)");
    require(records >= Sources.BATCH, "--records must be at least " + Sources.BATCH);
    require(preloadClients >= 1 && preloadClients <= MAX_CLIENTS, "--preload-clients must be from 1 to "
        + MAX_CLIENTS);
    require(rounds >= 1 && rounds <= 50, "--rounds must be from 1 to 50");
    require(table == null || TABLE.matcher(table).matches(), "--table must match [A-Za-z0-9_.-]{3,255}");
    require(queryLimit >= 1 && queryLimit <= 10_000, "--query-limit must be from 1 to 10000");
    require(counterKeys >= 1, "--counter-keys must be positive");
    require(counterLimit >= 1, "--counter-limit must be positive");
    require(ioThreads >= 1 && ioThreads <= 64, "--io-threads must be from 1 to 64");
    require(requestTimeoutMs >= 1, "--request-timeout-ms must be positive");
    require(rate >= 0 && rate <= MAX_RATE, "--rate must be from 0 (closed loop) to " + (long) MAX_RATE
        + " requests per second");
  }

  public String tableName() {
    return table != null ? table : workload.defaultTable();
  }

  public WorkloadSpec spec() {
    return new WorkloadSpec(tableName(), records, itemSize, queryLimit, counterKeys, counterLimit, seed);
  }

  /** What the report prints under its title (and JSON carries as {@code settings}). */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", tableName());
    m.put("clients", clients);
    if (rate > 0) {
      m.put("rate_per_sec", rate);
    }
    m.put("duration_secs", durationSecs);
    if (ops > 0) {
      m.put("ops_limit", ops);
    }
    m.put("warmup_secs", warmupSecs);
    m.put("item_size", itemSize);
    m.put("records", records);
    m.put("preload", preload);
    if (workload == Workload.QUERY) {
      m.put("query_limit", queryLimit);
    }
    if (workload == Workload.COND_INCREMENT) {
      m.put("counter_keys", counterKeys);
      m.put("counter_limit", counterLimit);
    }
    m.put("ceiling_secs", ceiling ? ceilingSecs : 0);
    if (compare != null) {
      m.put("rounds", rounds);
    }
    m.put("io_threads", ioThreads);
    m.put("seed", seed);
    return m;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
