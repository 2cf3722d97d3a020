package io.shoal.admin.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.shoal.admin.bench.report.ProgressLine;
import io.shoal.admin.bench.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The load generator: N keep-alive HTTP/1.1 connections on a small Netty event-loop group (one thread by default),
 * each with one request outstanding, in a closed loop or at a fixed rate shared by all ({@link Pacer}). Raw HTTP
 * rather than the AWS SDK because the SDK is the bottleneck: the issue saw SDK v2 top out near 3,400 req/s on this
 * 2-core machine, below what the cluster can take, so the bench would have measured the client.
 *
 * <p>Measured on the shared 2-core machine (load average 5-12 from other sessions' clusters and JMH runs, so noisy),
 * one client event-loop thread, 1 KB PutItem/GetItem:
 * <ul>
 *   <li>ceiling against the in-process stub (stub and client share the JVM and the two cores): 16 clients
 *       11,000-25,000 ops/s, 64 clients 21,000-34,000 ops/s;
 *   <li>against {@code shoal bench stub} in its own JVM: 16 clients 24,000-36,000 ops/s, 64 clients 16,000-36,000;
 *   <li>the AWS SDK v2 against that same stub, same machine, same minutes: sync (Apache5 client) 550-820 ops/s at 16
 *       and 64 threads using 1.5 cores, async (Netty client) 330-740 ops/s; this client did 21,600 ops/s there with
 *       16 connections using 0.7 cores.
 * </ul>
 * The in-process ceiling is a lower bound of what the client alone can do: the stub takes its share of the cores.
 */
public final class LoadClient implements AutoCloseable {
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final EventLoopGroup group;
  private final Bootstrap template;

  public LoadClient(int ioThreads) {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("io threads must be at least 1, got " + ioThreads);
    }
    group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("shoal-bench-io", true),
        NioIoHandler.newFactory());
    template = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
  }

  /**
   * Runs {@code plan} and returns what its measured window saw. {@code progress} gets a line each second (null: no
   * progress). Blocks the calling thread, which acts as the controller.
   */
  public RunResult run(LoadPlan plan, Consumer<String> progress) throws InterruptedException {
    RunStats stats = new RunStats(plan.ops());
    Control control = new Control(plan.opsLimit(), plan.clients());
    long timeoutNanos = plan.requestTimeout().toNanos();
    long start = System.nanoTime();
    Pacer pacer = plan.rate() > 0 ? new Pacer(start, plan.rate()) : null;
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < plan.clients(); i++) {
      connections.add(new Connection((EventLoop) group.next(), template, plan.endpoint().address(),
          plan.sources().apply(i), stats, control, timeoutNanos, pacer));
    }
    long warmEnd = start + plan.warmup().toNanos();
    long end = warmEnd + plan.duration().toNanos();
    if (warmEnd <= start) {
      stats.begin(start);
      control.startMeasuring();
    }
    connections.forEach(Connection::start);
    long nextTick = start + TICK_NANOS;
    long lastTick = start;
    long now;
    try {
      while (true) {
        now = System.nanoTime();
        if (!stats.measuring() && now >= warmEnd) {
          stats.begin(now);
          control.startMeasuring();
          if (pacer != null) {
            pacer.restart(now);
          }
          nextTick = now + TICK_NANOS; // progress seconds count from the start of the measured window
        }
        if (control.allFinished() || (stats.measuring() && now >= end)) {
          break;
        }
        if (now >= nextTick) {
          double[] t = stats.tick();
          if (progress != null) {
            boolean warm = !stats.measuring();
            double secs = (warm ? now - start : now - warmEnd) / 1e9;
            progress.accept(ProgressLine.format(plan.label(), warm, secs, t[0] / ((now - lastTick) / 1e9), t[1],
                (long) t[2]));
          }
          lastTick = now;
          nextTick += TICK_NANOS;
          continue;
        }
        long wake = Math.min(nextTick, stats.measuring() ? end : warmEnd);
        control.awaitFinished(wake - now);
      }
    } finally {
      control.stop();
    }
    if (!stats.measuring()) {
      stats.begin(now);
    }
    RunResult result = stats.end(now, plan.endpoint().toString(), plan.clients());
    // Let the outstanding requests finish (so the server sees clean closes), then end whatever is left.
    if (!control.awaitFinished(timeoutNanos + TimeUnit.SECONDS.toNanos(1))) {
      connections.forEach(Connection::forceFinish);
      control.awaitFinished(TimeUnit.SECONDS.toNanos(2));
    }
    return result;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
