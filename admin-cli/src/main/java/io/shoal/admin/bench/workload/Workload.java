package io.shoal.admin.bench.workload;

import io.shoal.admin.bench.load.OpKind;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The workloads of {@code shoal bench run}; the descriptions are what {@code --help} shows. */
public enum Workload {
  PUT("put", "PutItem of --item-size items, uniform keys over --records", false, false, OpKind.PUT_ITEM),
  GET("get", "GetItem (eventually consistent), uniform keys", false, true, OpKind.GET_ITEM),
  GET_ZIPF("get-zipf", "GetItem, zipfian keys (theta 0.99)", false, true, OpKind.GET_ITEM),
  GET_STRONG("get-strong", "GetItem with ConsistentRead, uniform keys", false, true, OpKind.GET_ITEM),
  QUERY("query", "Query one partition (10-100 items, sort key N), Limit --query-limit", true, true, OpKind.QUERY),
  MIX_A("mix-a", "YCSB A: 50% GetItem / 50% PutItem, zipfian keys", false, true, OpKind.GET_ITEM,
      OpKind.PUT_ITEM),
  MIX_B("mix-b", "YCSB B: 95% GetItem / 5% PutItem, zipfian keys", false, true, OpKind.GET_ITEM, OpKind.PUT_ITEM),
  BATCH_WRITE("batch-write", "BatchWriteItem of 25 puts, uniform keys; UnprocessedItems counted, not retried",
      false, false, OpKind.BATCH_WRITE_ITEM),
  COND_INCREMENT("cond-increment", "UpdateItem SET #n = if_not_exists(#n, :zero) + :one IF attribute_not_exists(#n)"
      + " OR #n < :limit, uniform over --counter-keys", false, false, OpKind.UPDATE_ITEM);

  private final String cliName;
  private final String description;
  private final boolean sorted;
  private final boolean needsData;
  private final List<OpKind> ops;

  Workload(String cliName, String description, boolean sorted, boolean needsData, OpKind... ops) {
    this.cliName = cliName;
    this.description = description;
    this.sorted = sorted;
    this.needsData = needsData;
    this.ops = List.of(ops);
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  /** Whether it uses the query table (pk S, sk N) rather than the key-value table (pk S). */
  public boolean sorted() {
    return sorted;
  }

  /** Whether it reads what a preload wrote. */
  public boolean needsData() {
    return needsData;
  }

  public List<OpKind> ops() {
    return ops;
  }

  public String defaultTable() {
    return sorted ? "bench_query" : "bench_kv";
  }

  public static Workload named(String name) {
    return Arrays.stream(values()).filter(w -> w.cliName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown workload " + name + "; one of " + names()));
  }

  public static String names() {
    return Arrays.stream(values()).map(Workload::cliName).collect(Collectors.joining(", "));
  }
}
