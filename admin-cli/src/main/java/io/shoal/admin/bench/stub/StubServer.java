package io.shoal.admin.bench.stub;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A trivial DynamoDB endpoint that answers every request at once with a pre-built response for its
 * {@code X-Amz-Target}. It measures the load generator, not a database: what the bench reaches against it is the
 * ceiling above which a result says more about the client than about the server. It runs on its own single
 * event-loop thread and binds the loopback address only.
 */
public final class StubServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel server;

  private StubServer(EventLoopGroup group, Channel server) {
    this.group = group;
    this.server = server;
  }

  /** Starts on 127.0.0.1:{@code port} (0: any free port). */
  public static StubServer start(int port, StubResponses responses) throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("shoal-bench-stub", true),
        NioIoHandler.newFactory());
    try {
      Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              c.pipeline().addLast(new HttpRequestDecoder(new HttpDecoderConfig()
                  .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))),
                  new Answer(responses));
            }
          })
          .bind("127.0.0.1", port).sync().channel();
      return new StubServer(group, ch);
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  /**
   * Answers when the request's last content arrives, without aggregating the body: the stub shares the machine with
   * the generator it measures, so it does as little as it can.
   */
  private static final class Answer extends SimpleChannelInboundHandler<HttpObject> {
    private final StubResponses responses;
    private String operation = "";
    private boolean keepAlive = true;

    Answer(StubResponses responses) {
      this.responses = responses;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest req) {
        String target = req.headers().get("X-Amz-Target", "");
        operation = target.substring(target.indexOf('.') + 1);
        keepAlive = HttpUtil.isKeepAlive(req);
      }
      if (msg instanceof LastHttpContent) {
        ByteBuf answer = responses.answer(operation).duplicate();
        if (keepAlive) {
          ctx.writeAndFlush(answer, ctx.voidPromise());
        } else {
          ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
