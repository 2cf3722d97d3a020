package io.shoal.admin.bench;

import io.shoal.admin.drill.DynamoHttp;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoal bench}: measured load against a DynamoDB endpoint. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure a running cluster through the DynamoDB API.",
    subcommands = {RunCommand.class, StubCommand.class, BenchCommand.GsiLag.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "gsi-lag", mixinStandardHelpOptions = true,
      description = "Steady writes to a table with a GSI; reports how long after acknowledgement the index entry "
          + "became visible to a Query on the index (median, p99, max).")
  static final class GsiLag implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8000", description = "DynamoDB endpoint")
    String endpoint;

    @Option(names = "--table", defaultValue = "bench_gsi_lag", description = "table (created with GSI byTag if "
        + "missing)")
    String table;

    @Option(names = "--writers", defaultValue = "4", description = "concurrent writers")
    int writers;

    @Option(names = "--rate", defaultValue = "200", description = "writes per second in total (0: unthrottled)")
    int rate;

    @Option(names = "--duration-secs", defaultValue = "30", description = "how long to write")
    int seconds;

    @Option(names = "--max-writes", defaultValue = "1000000", description = "stop after this many writes")
    int maxWrites;

    @Option(names = "--sample-every", defaultValue = "10", description = "follow every Nth write to visibility")
    int sampleEvery;

    @Option(names = "--poll-ms", defaultValue = "5", description = "interval between index Queries of a sample")
    int pollMillis;

    @Option(names = "--json", description = "print the result as one JSON line")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (writers < 1 || seconds < 1 || sampleEvery < 1 || pollMillis < 1 || rate < 0 || maxWrites < 1) {
        throw new IllegalArgumentException("--writers, --duration-secs, --sample-every, --poll-ms and --max-writes "
            + "must be positive, --rate not negative");
      }
      PrintWriter out = spec.commandLine().getOut();
      DynamoHttp http = new DynamoHttp(URI.create(endpoint), Duration.ofSeconds(10));
      LagReport r = new GsiLagBench(http, new GsiLagBench.Settings(table, writers, rate, seconds, sampleEvery,
          pollMillis, maxWrites), out).run();
      out.println(json ? r.json() : r.text());
      out.flush();
      return r.samples() > 0 ? 0 : 1;
    }
  }
}
