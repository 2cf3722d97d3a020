package io.shoal.admin.bench;

import io.shoal.admin.bench.report.BenchReport;
import io.shoal.admin.bench.report.JsonReport;
import io.shoal.admin.bench.report.TextReport;
import io.shoal.admin.bench.workload.Workload;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoal bench run}: closed-loop load of one workload against a DynamoDB endpoint. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RunCommand.WorkloadHelp.class,
    description = {"Closed-loop load against a DynamoDB endpoint (raw HTTP/1.1, N keep-alive connections, one "
        + "request outstanding on each); prints ops, ops/s and latency p50/p95/p99/p99.9/max per operation, beside "
        + "the generator's own ceiling measured against an in-process stub.",
        "Example: shoal bench run --workload get-zipf --clients 1,4,16,64 --duration-secs 20"})
public final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--workload", required = true, paramLabel = "W", description = "What to send (see Workloads below).")
  String workload;

  @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8000",
      description = "DynamoDB endpoint, loopback or private network only (default ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(names = "--clients", split = ",", defaultValue = "16", paramLabel = "N",
      description = "Connections; a list (1,4,16,64) runs once per value: the curve (default ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--duration-secs", defaultValue = "20", description = "Measured seconds per run, at most 600 "
      + "(default ${DEFAULT-VALUE}).")
  int durationSecs;

  @Option(names = "--ops", defaultValue = "0", description = "Also stop a run after about this many measured "
      + "requests (default: no limit).")
  long ops;

  /** Warm-up of a closed-loop run when --warmup-secs is not given. */
  static final int DEFAULT_WARMUP_SECS = 3;
  /**
   * Warm-up of a fixed-rate run when --warmup-secs is not given. The client's own JVM is cold for its first seconds
   * and falls behind the schedule; at a fixed rate that shows as queueing (a 5 s warm-up left requests of the first
   * measured second waiting 0.9 s at 4,100 GetItem/s), while a closed loop only slows down.
   */
  static final int DEFAULT_FIXED_RATE_WARMUP_SECS = 20;

  @Option(names = "--warmup-secs", description = "Unrecorded seconds before each measured run (default "
      + DEFAULT_WARMUP_SECS + "; " + DEFAULT_FIXED_RATE_WARMUP_SECS + " with --rate, where a cold client falling "
      + "behind its schedule would count as latency).")
  Integer warmupSecs;

  @Option(names = "--item-size", defaultValue = "1024", description = "Item size in bytes, DynamoDB's way of "
      + "counting (default ${DEFAULT-VALUE}).")
  int itemSize;

  @Option(names = "--records", defaultValue = "10000", description = "Key space of the workload, and items "
      + "preloaded (default ${DEFAULT-VALUE}).")
  int records;

  @Option(names = "--preload", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Preload --records items first (reads, query and mixes; timed apart from the results). "
          + "--no-preload reuses what an earlier run with the same --records and --seed wrote.")
  boolean preload;

  @Option(names = "--preload-clients", defaultValue = "32", description = "Connections of the preload "
      + "(default ${DEFAULT-VALUE}).")
  int preloadClients;

  @Option(names = "--ceiling", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure the generator ceiling against the in-process stub before each client count "
          + "(--no-ceiling skips it).")
  boolean ceiling;

  @Option(names = "--ceiling-secs", defaultValue = "5", description = "Measured seconds of each ceiling run, "
      + "after --warmup-secs (at least 1) of warm-up (default ${DEFAULT-VALUE}).")
  int ceilingSecs;

  @Option(names = "--compare", paramLabel = "URL", description = "Also run against this second endpoint (B), "
      + "alternating A,B,A,B...; prints medians of rounds and the ratios A/B ops/s and B/A p99.")
  String compare;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds per endpoint in compare mode "
      + "(default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--table", description = "Table to use (default bench_kv, or bench_query for query); created "
      + "if missing.")
  String table;

  @Option(names = "--query-limit", defaultValue = "20", description = "Limit of each Query (default "
      + "${DEFAULT-VALUE}).")
  int queryLimit;

  @Option(names = "--counter-keys", defaultValue = "100", description = "cond-increment: number of counters "
      + "(default ${DEFAULT-VALUE}).")
  int counterKeys;

  @Option(names = "--counter-limit", defaultValue = "1000000000", description = "cond-increment: the condition's "
      + ":limit; increments past it answer ConditionalCheckFailedException (default ${DEFAULT-VALUE}).")
  long counterLimit;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of keys and payloads (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--io-threads", defaultValue = "1", description = "Event-loop threads of the client "
      + "(default ${DEFAULT-VALUE}).")
  int ioThreads;

  @Option(names = "--request-timeout-ms", defaultValue = "10000", description = "A request unanswered this long "
      + "is an error and its connection is replaced (default ${DEFAULT-VALUE}).")
  int requestTimeoutMs;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "OPS_PER_SEC", description = "Fixed rate: send "
      + "this many requests per second over all clients together, each at its due time, and measure latency from "
      + "that time, so queueing behind a slow server counts. Give enough clients for the rate times the latency. "
      + "0 (default): closed loop, each client sends when its last request is answered. Ceiling runs stay closed "
      + "loop.")
  double rate;

  @Option(names = "--json", description = "Print one JSON document on stdout instead of the table.")
  boolean json;

  /** The warm-up to use: the one given, else the default of the run's kind. */
  static int warmupSecs(Integer given, double rate) {
    if (given != null) {
      return given;
    }
    return rate > 0 ? DEFAULT_FIXED_RATE_WARMUP_SECS : DEFAULT_WARMUP_SECS;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BenchSettings settings = new BenchSettings(Workload.named(workload), endpoint, compare, clients, durationSecs,
        ops, warmupSecs(warmupSecs, rate), itemSize, records, preload, preloadClients, ceiling, ceilingSecs, rounds,
        table, queryLimit, counterKeys, counterLimit, seed, ioThreads, requestTimeoutMs, rate);
    BenchReport report = new BenchRunner(settings, line -> {
      err.println(line);
      err.flush();
    }).run();
    out.print(json ? JsonReport.render(report) + "\n" : TextReport.render(report));
    out.flush();
    return exitCode(report);
  }

  /** 0: clean; 1: a measured run completed no request; 3: the runs saw errors. */
  static int exitCode(BenchReport report) {
    boolean empty = report.points().stream().flatMap(p -> p.runs().stream()).anyMatch(r -> r.totalOps() == 0);
    return empty ? 1 : report.totalErrors() > 0 ? 3 : 0;
  }

  /** Lists the workloads with their descriptions under the options (from {@link Workload}, not a copy of it). */
  static final class WorkloadHelp implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
      StringBuilder b = new StringBuilder("%nWorkloads:%n");
      for (Workload w : Workload.values()) {
        String line = String.format("  %-15s ", w.cliName());
        for (String word : w.description().split(" ")) {
          if (line.length() + word.length() > 79) {
            b.append(line.stripTrailing()).append("%n");
            line = " ".repeat(18);
          }
          line += word.replace("%", "%%") + " ";
        }
        b.append(line.stripTrailing()).append("%n");
      }
      b.append("%nTables bench_kv (pk S) and bench_query (pk S, sk N) are created if missing (PAY_PER_REQUEST). ")
          .append("Ops count answered requests; a ConditionalCheckFailedException is an answer (cond-failed), ")
          .append("anything else that is not 200 is an error, counted per __type/status. Progress goes to stderr ")
          .append("each second.%nExit status: 0 clean, 1 could not run (or a run completed nothing), 3 errors seen.");
      spec.usageMessage().footer(b.toString());
      return spec;
    }
  }
}
