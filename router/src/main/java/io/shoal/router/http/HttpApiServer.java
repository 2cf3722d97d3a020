package io.shoal.router.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.loop.IoLoops;
import io.shoal.router.metrics.RouterMetrics;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The DynamoDB-compatible HTTP endpoint (HTTP/1.1, keep-alive, JSON bodies up to 16 MiB).
 *
 * <p>One small NIO event-loop group serves accepts and connections: handlers never block, so a couple
 * of threads keep up with the network, and the work that takes time happens in the cluster client. The router
 * shares the group with its gRPC channels to the nodes ({@link IoLoops}).
 *
 * <p>The same port answers the operator endpoints {@code GET /metrics}, {@code /health} and {@code /ready}
 * ({@link OpsEndpoints}); one port per router keeps deployment and load-balancer health checks simple.
 */
public final class HttpApiServer implements AutoCloseable {
  /** DynamoDB's request size limit; a larger body gets 413 from the aggregator. */
  public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
  private static final int DEFAULT_IO_THREADS = 2;

  private final String host;
  private final int port;
  private final Dispatcher dispatcher;
  private final int ioThreads;
  /** The loops to serve on when shared with the cluster client; null: the server makes and closes its own. */
  private final IoLoops sharedLoops;
  private final RouterMetrics metrics;
  private final BooleanSupplier ready;
  private IoLoops loops;
  private ExecutorService scrapes;
  private Channel serverChannel;
  /** Accepted connections: on shared loops, closing the server must close them itself. */
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile boolean draining;

  /** A server on {@code host:port} (port 0 picks a free port) with two I/O threads, its own metrics, always ready. */
  public HttpApiServer(String host, int port, Dispatcher dispatcher) {
    this(host, port, dispatcher, DEFAULT_IO_THREADS);
  }

  public HttpApiServer(String host, int port, Dispatcher dispatcher, int ioThreads) {
    this(host, port, dispatcher, ioThreads, new RouterMetrics(), () -> true);
  }

  /**
   * A server with its own {@code ioThreads} event loops.
   *
   * @param metrics where API requests are counted and timed, and what {@code GET /metrics} renders
   * @param ready answers {@code GET /ready}; called on an event loop, so it must not block
   */
  public HttpApiServer(String host, int port, Dispatcher dispatcher, int ioThreads, RouterMetrics metrics,
      BooleanSupplier ready) {
    this(host, port, dispatcher, ioThreads, null, metrics, ready);
  }

  /**
   * A server on the router's shared event loops ({@link IoLoops}), which the caller closes after this server;
   * otherwise as above.
   */
  public HttpApiServer(String host, int port, Dispatcher dispatcher, IoLoops loops, RouterMetrics metrics,
      BooleanSupplier ready) {
    this(host, port, dispatcher, loops.size(), Objects.requireNonNull(loops), metrics, ready);
  }

  private HttpApiServer(String host, int port, Dispatcher dispatcher, int ioThreads, IoLoops sharedLoops,
      RouterMetrics metrics, BooleanSupplier ready) {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
    }
    this.host = Objects.requireNonNull(host);
    this.port = port;
    this.dispatcher = Objects.requireNonNull(dispatcher);
    this.ioThreads = ioThreads;
    this.sharedLoops = sharedLoops;
    this.metrics = Objects.requireNonNull(metrics);
    this.ready = Objects.requireNonNull(ready);
  }

  /** Binds and starts serving; returns once the port is bound. */
  public synchronized HttpApiServer start() throws InterruptedException {
    if (loops != null) {
      throw new IllegalStateException("already started");
    }
    loops = sharedLoops != null ? sharedLoops : new IoLoops(ioThreads);
    scrapes = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "shoal-router-metrics-scrape");
      t.setDaemon(true);
      return t;
    });
    OpsEndpoints ops = new OpsEndpoints(metrics, ready, scrapes, () -> draining);
    try {
      ServerBootstrap b = new ServerBootstrap()
          .group(loops.group())
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              connections.add(ch);
              ch.pipeline()
                  .addLast(new HttpServerCodec())
                  .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                  .addLast(new ApiRequestHandler(dispatcher, metrics, ops, () -> draining));
            }
          });
      serverChannel = b.bind(host, port).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      if (sharedLoops == null) {
        loops.close();
      }
      loops = null;
      scrapes.shutdownNow();
      scrapes = null;
      throw e;
    }
    return this;
  }

  /** The bound port (useful when constructed with port 0). */
  public synchronized int port() {
    if (serverChannel == null) {
      throw new IllegalStateException("not started");
    }
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * The graceful half of a stop (SIGTERM): {@code /ready} answers 503 at once and every response closes its
   * connection; requests are still served for {@code delayMillis} (time for a load balancer to take this router out
   * of rotation), then the listening socket closes and the call waits until no API request is in flight, at most
   * {@code timeoutMillis}. Call {@link #close()} afterwards.
   *
   * @return API requests still in flight when it gave up (0 on a clean drain)
   */
  public int drain(long delayMillis, long timeoutMillis) throws InterruptedException {
    draining = true;
    Thread.sleep(delayMillis);
    Channel listening;
    synchronized (this) {
      listening = serverChannel;
    }
    if (listening != null) {
      listening.close().awaitUninterruptibly();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (metrics.inflight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return metrics.inflight();
  }

  /** True once {@link #drain} started. */
  public boolean draining() {
    return draining;
  }

  /** Stops accepting, closes connections and releases the threads; waits up to a few seconds. */
  @Override
  public synchronized void close() {
    if (loops == null) {
      return;
    }
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    connections.close().awaitUninterruptibly();
    if (sharedLoops == null) {
      loops.close();
    }
    loops = null;
    scrapes.shutdownNow();
    scrapes = null;
    serverChannel = null;
  }
}
