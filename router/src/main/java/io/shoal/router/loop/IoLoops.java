package io.shoal.router.loop;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The router's Netty event loops, shared by the HTTP server and the gRPC channels to the nodes. A request is
 * parsed on the loop of its HTTP connection, sent to a node on a gRPC channel bound to that same loop, answered
 * there (direct executor) and written back to the HTTP connection without leaving the thread: no hand-off, no
 * wake-up of another thread per request. Before, every request crossed from the HTTP loop to a gRPC loop and back
 * (docs/performance.md, fifth session).
 */
public final class IoLoops implements AutoCloseable {
  private final MultiThreadIoEventLoopGroup group;
  private final List<EventLoop> loops = new ArrayList<>();

  public IoLoops(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("I/O threads must be at least 1, got " + threads);
    }
    group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    for (EventExecutor e : group) {
      loops.add((EventLoop) e);
    }
  }

  public EventLoopGroup group() {
    return group;
  }

  public int size() {
    return loops.size();
  }

  public EventLoop loop(int index) {
    return loops.get(index);
  }

  /** The index of the loop the calling thread runs; 0 for any other thread (timers, start-up, tests). */
  public int currentIndex() {
    for (int i = 0; i < loops.size(); i++) {
      if (loops.get(i).inEventLoop()) {
        return i;
      }
    }
    return 0;
  }

  /** Stops the loops, finishing queued tasks for up to two seconds. */
  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
