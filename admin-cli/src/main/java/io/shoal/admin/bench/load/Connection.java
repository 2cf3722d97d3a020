package io.shoal.admin.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client: a keep-alive HTTP/1.1 connection with at most one request outstanding, sending the next one as soon
 * as the last is answered (closed loop) or when the run's {@link Pacer} says it is due (fixed rate). It lives on one
 * event loop for its whole life (reconnects included), so its fields need no locks.
 *
 * <p>Requests go out as pre-encoded bytes (no HttpRequestEncoder); responses come back through Netty's decoder and
 * aggregator. Latency runs from just before the write (closed loop) or from the due time (fixed rate) to the fully
 * read response. A failed or closed connection turns its outstanding request into an error and reconnects after a
 * short backoff: a server restarting in the middle of a run shows up as errors, not as the end of the run.
 */
final class Connection {
  private static final long SWEEP_MILLIS = 100;
  private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
  /** Header validation off: a few percent of the client's CPU (JFR) spent checking a server we only measure. */
  private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
      .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false));

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final InetSocketAddress address;
  private final RequestSource source;
  private final RunStats stats;
  private final Control control;
  private final long timeoutNanos;
  /** Null in a closed loop. */
  private final Pacer pacer;
  private Channel channel;
  private Request inFlight;
  /** Where the request's latency starts: the write, or its due time in a fixed-rate run. */
  private long sentAt;
  /** When the request was written, for its timeout: a request sent late must still get the full timeout. */
  private long wroteAt;
  /** The due time this connection waits for before its next send, 0 when it is not waiting. */
  private long waitingFor;
  /** Why the current channel is being closed, when we close it on purpose (a timeout); else a plain close. */
  private String closeReason;
  private String closeMessage;
  private long backoffMillis;
  private boolean reconnectAtOnce;
  private boolean finished;
  private ScheduledFuture<?> sweeper;

  Connection(EventLoop loop, Bootstrap template, InetSocketAddress address, RequestSource source, RunStats stats,
      Control control, long timeoutNanos, Pacer pacer) {
    this.loop = loop;
    this.pacer = pacer;
    this.address = address;
    this.source = source;
    this.stats = stats;
    this.control = control;
    this.timeoutNanos = timeoutNanos;
    this.bootstrap = template.clone(loop).handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpResponseDecoder(DECODER), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
            new Handler());
      }
    });
  }

  void start() {
    loop.execute(() -> {
      sweeper = loop.scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
      connect();
    });
  }

  /** Ends this connection now, whatever it is doing (the run is over). */
  void forceFinish() {
    loop.execute(this::finish);
  }

  private void connect() {
    if (finished) {
      return;
    }
    if (control.stopping()) {
      finish();
      return;
    }
    bootstrap.connect(address).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        stats.connectionError("connect failed (" + f.cause().getClass().getSimpleName() + ")", f.cause().getMessage());
        retryLater();
        return;
      }
      if (finished) {
        f.channel().close();
        return;
      }
      channel = f.channel();
      backoffMillis = 0;
      sendNext();
    });
  }

  private void retryLater() {
    backoffMillis = backoffMillis == 0 ? 50 : Math.min(1000, backoffMillis * 2);
    loop.schedule(this::connect, backoffMillis, TimeUnit.MILLISECONDS);
  }

  private void sendNext() {
    if (finished || channel == null) {
      return;
    }
    if (pacer == null) {
      send(System.nanoTime());
      return;
    }
    long due = pacer.nextDue();
    long wait = due - System.nanoTime();
    if (wait <= 0) {
      send(due);
      return;
    }
    waitingFor = due;
    loop.schedule(() -> {
      // A wait is stale once anything was sent after it was set (a reconnect takes a new due time).
      if (waitingFor == due) {
        send(due);
      }
    }, wait, TimeUnit.NANOSECONDS);
  }

  private void send(long due) {
    waitingFor = 0;
    if (finished || channel == null || inFlight != null) {
      return; // closed while waiting: the reconnect takes a new due time
    }
    if (!control.mayIssue()) {
      finish();
      return;
    }
    Request r = source.next(channel.alloc());
    if (r == null) {
      finish();
      return;
    }
    inFlight = r;
    wroteAt = System.nanoTime();
    sentAt = pacer == null ? wroteAt : due;
    channel.writeAndFlush(r.bytes(), channel.voidPromise());
  }

  private void onResponse(Channel ch, FullHttpResponse response) {
    if (ch != channel || inFlight == null) {
      return;
    }
    long latency = System.nanoTime() - sentAt;
    Request r = inFlight;
    inFlight = null;
    Outcome o;
    if (response.decoderResult().isFailure()) {
      o = Outcome.error("bad response", String.valueOf(response.decoderResult().cause()));
      closeReason = "bad response";
    } else {
      o = ResponseCheck.check(r.op(), response.status().code(), response.content());
    }
    if (pacer == null || !pacer.dueBeforeWindow(sentAt)) {
      stats.record(r.op(), o, latency);
    }
    source.done(r, o);
    if (closeReason != null) {
      ch.close();
      return;
    }
    if (!HttpUtil.isKeepAlive(response)) {
      reconnectAtOnce = true; // the server ended the connection politely: not a failure, no backoff
      ch.close();
      return;
    }
    sendNext();
  }

  private void onClosed(Channel ch) {
    if (ch != channel) {
      return;
    }
    channel = null;
    String reason = closeReason != null ? closeReason : "connection closed";
    String message = closeMessage;
    closeReason = null;
    closeMessage = null;
    if (inFlight != null) {
      Request r = inFlight;
      inFlight = null;
      Outcome o = Outcome.error(reason, message);
      stats.record(r.op(), o, 0);
      source.done(r, o);
    }
    if (finished) {
      return;
    }
    if (control.stopping()) {
      finish();
    } else if (reconnectAtOnce) {
      reconnectAtOnce = false;
      connect();
    } else {
      retryLater();
    }
  }

  private void onError(Channel ch, Throwable cause) {
    if (ch == channel && closeReason == null) {
      closeReason = "connection error (" + cause.getClass().getSimpleName() + ")";
      closeMessage = cause.getMessage();
    }
    ch.close();
  }

  private void sweep() {
    if (waitingFor != 0 && control.stopping()) {
      finish(); // a slow fixed rate can leave a connection waiting long after the run's end
      return;
    }
    if (inFlight != null && channel != null && System.nanoTime() - wroteAt > timeoutNanos) {
      closeReason = "timeout";
      closeMessage = "no response within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
      channel.close();
    }
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    if (channel != null) {
      channel.close();
    }
    control.connectionFinished();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
      onResponse(ctx.channel(), msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      onClosed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      onError(ctx.channel(), cause);
    }
  }
}
