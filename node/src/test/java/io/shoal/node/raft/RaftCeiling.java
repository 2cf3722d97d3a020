package io.shoal.node.raft;

import com.alipay.sofa.jraft.Node;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of a three-process sofa-jraft group with Shoal's Raft options (shared RocksDB log with fsync, Bolt
 * transport, shared timers; {@link RaftHost}) and a state machine that does nothing ({@link CeilingFsm}). Whichever
 * replica leads at {@code --start-at-ms} proposes entries of {@code --entry-bytes}: first a warm-up at the largest
 * in-flight count (the JIT compiles for most of a fresh JVM's first minute on two cores), then one measured window
 * per count in {@code --inflight}. Every replica prints one {@code RESULT} line per window with its own CPU time in
 * it; the three processes keep the same schedule, counted from {@code --start-at-ms}.
 *
 * <p>It answers one question for issue #6: how many replicated, fsynced writes per second can jraft itself do on
 * this machine, with nothing of Shoal above it (no HTTP, no gRPC, no item store)? Run it through
 * {@code scripts/raft-ceiling.sh}, which starts the three processes with the JVM options of {@code ./shoal up}.
 *
 * <p>Arguments: {@code --id 1 --peers h:p,h:p,h:p --dir D --entry-bytes 1024 --inflight 1,4,16,32,64
 * --start-at-ms EPOCH --warmup-secs 30 --seconds 10}; the replica's own Raft address is the id-th of the peers.
 */
public final class RaftCeiling {
  static final String GROUP = "ceiling";
  /** Between windows: the previous count's last entries drain before the next count's window opens. */
  private static final long GAP_NS = TimeUnit.SECONDS.toNanos(2);

  private RaftCeiling() {}

  /** Starts the ceiling group on {@code host} with Shoal's options. */
  static Node startGroup(RaftHost host, CeilingFsm fsm, List<String> peers) {
    return host.startNode(GROUP, fsm, peers);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    int id = Integer.parseInt(opts.get("id"));
    List<String> peers = List.of(opts.get("peers").split(","));
    String self = peers.get(id - 1);
    Path dir = Path.of(opts.get("dir"));
    int entryBytes = Integer.parseInt(opts.getOrDefault("entry-bytes", "1024"));
    List<Integer> inflight = Arrays.stream(opts.getOrDefault("inflight", "32").split(","))
        .map(Integer::parseInt).toList();
    long startAtMs = Long.parseLong(opts.get("start-at-ms"));
    long warmupNs = TimeUnit.SECONDS.toNanos(Long.parseLong(opts.getOrDefault("warmup-secs", "30")));
    long seconds = Long.parseLong(opts.getOrDefault("seconds", "10"));
    long windowNs = TimeUnit.SECONDS.toNanos(seconds);

    SharedLogStore logs = new SharedLogStore(dir.resolve("raft-log"), true);
    RaftHost host = new RaftHost(self.substring(0, self.lastIndexOf(':')),
        Integer.parseInt(self.substring(self.lastIndexOf(':') + 1)), dir.resolve("raft"), logs,
        RaftSettings.defaults());
    host.start();
    CeilingFsm fsm = new CeilingFsm();
    Node node = startGroup(host, fsm, peers);

    // Wall-clock instants from the launcher, turned into this process's nanoTime scale once.
    long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(startAtMs - System.currentTimeMillis());
    sleepUntil(startNs);
    boolean leader = node.isLeader();
    int max = inflight.stream().max(Integer::compare).orElseThrow();
    if (leader) {
      CeilingLoad warmup = new CeilingLoad(node, entryBytes, max, System::nanoTime, startNs + warmupNs,
          startNs + warmupNs);
      warmup.start();
      warmup.await(warmupNs + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS);
    }
    long windowStart = startNs + warmupNs + GAP_NS;
    for (int n : inflight) {
      long windowEnd = windowStart + windowNs;
      CeilingLoad load = null;
      if (leader) {
        // Proposals start a little before the window so that it opens on a steady pipeline.
        sleepUntil(windowStart - GAP_NS / 2);
        load = new CeilingLoad(node, entryBytes, n, System::nanoTime, windowStart, windowEnd);
        load.start();
      }
      sleepUntil(windowStart);
      long cpu0 = processCpuNs();
      long applied0 = fsm.applied();
      sleepUntil(windowEnd);
      long cpu1 = processCpuNs();
      long applied1 = fsm.applied();
      boolean drained = load == null || load.await(GAP_NS / 2, TimeUnit.NANOSECONDS);
      report(id, leader, n, entryBytes, seconds, cpu1 - cpu0, applied1 - applied0, load, drained);
      windowStart = windowEnd + GAP_NS;
    }
    // Followers stay up a little longer so the leader's last entries still reach a majority.
    Thread.sleep(leader ? 0 : 3_000);
    node.shutdown();
    node.join();
    host.close();
    logs.close();
    System.exit(0);
  }

  private static void report(int id, boolean leader, int inflight, int entryBytes, long seconds, long cpuNs,
      long applied, CeilingLoad load, boolean drained) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "RESULT id=%d leader=%s inflight=%d entry_bytes=%d seconds=%d cpu_ms=%.1f applied_in_window=%d", id, leader,
        inflight, entryBytes, seconds, cpuNs / 1e6, applied));
    if (load != null) {
      out.append(String.format(Locale.ROOT,
          " ops=%d ops_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f errors=%d drained=%s",
          load.completed(), load.completed() / (double) seconds, load.latencyMs(50), load.latencyMs(99),
          load.latencyMs(99.9), load.latencyMs(100), load.errors(), drained));
      if (load.firstError() != null) {
        out.append(" first_error=").append(load.firstError().replace(' ', '_'));
      }
    }
    System.out.println(out);
    System.out.flush();
  }

  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    for (String required : List.of("id", "peers", "dir", "start-at-ms")) {
      if (!opts.containsKey(required)) {
        throw new IllegalArgumentException("missing --" + required);
      }
    }
    return opts;
  }
}
