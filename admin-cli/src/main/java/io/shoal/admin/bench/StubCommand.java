package io.shoal.admin.bench;

import io.shoal.admin.bench.stub.StubResponses;
import io.shoal.admin.bench.stub.StubServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoal bench stub}: the ceiling stub on its own, to point a bench (or another client) at. */
@Command(name = "stub", mixinStandardHelpOptions = true,
    description = "Serve the load generator's stub DynamoDB endpoint on 127.0.0.1: every request answered at once "
        + "with a pre-built 200 of realistic size ({} for PutItem, an item for GetItem, --query-limit items for "
        + "Query, no UnprocessedItems for BatchWriteItem). Runs until interrupted or --seconds pass.")
public final class StubCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "0", description = "Port (default: a free one, printed).")
  int port;

  @Option(names = "--item-size", defaultValue = "1024", description = "Size of returned items (default "
      + "${DEFAULT-VALUE}).")
  int itemSize;

  @Option(names = "--query-limit", defaultValue = "20", description = "Items per Query answer (default "
      + "${DEFAULT-VALUE}).")
  int queryLimit;

  @Option(names = "--seconds", defaultValue = "0", description = "Stop after this long (default: until "
      + "interrupted).")
  long seconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (StubServer stub = StubServer.start(port, StubResponses.realistic(itemSize, queryLimit, 1))) {
      out.println("stub DynamoDB endpoint on " + stub.url() + (seconds > 0 ? " for " + seconds + " s" : " until "
          + "interrupted"));
      out.flush();
      CountDownLatch never = new CountDownLatch(1);
      if (seconds > 0) {
        never.await(seconds, TimeUnit.SECONDS);
      } else {
        never.await();
      }
    }
    return 0;
  }
}
