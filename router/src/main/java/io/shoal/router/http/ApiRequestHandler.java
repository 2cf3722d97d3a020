package io.shoal.router.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.shoal.router.api.Dispatcher;
import io.shoal.router.api.RequestContext;
import io.shoal.router.error.DynamoException;
import io.shoal.router.error.ErrorRenderer;
import io.shoal.router.metrics.RouterMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's request handling: DynamoDB's front-end checks, dispatch, and the response with
 * DynamoDB's headers. Not shared between channels: it keeps the connection's response order.
 *
 * <p>Front-end order follows dynalite index.js (built against DynamoDB): method and content type, JSON
 * parsing, X-Amz-Target, Authorization, empty body.
 */
final class ApiRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApiRequestHandler.class);

  static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
  /** DynamoDB answers 1.0; it also takes 1.1 and plain JSON, like the SDKs of other AWS JSON services send. */
  private static final Set<String> ACCEPTED_CONTENT_TYPES =
      Set.of("application/x-amz-json-1.0", "application/x-amz-json-1.1", "application/json");
  /** DynamoDB's body for a non-POST request or a foreign content type (dynalite index.js), with 404. */
  static final String NOT_AN_OPERATION_BODY = "<UnknownOperationException/>\n";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Dispatcher dispatcher;
  private final RouterMetrics metrics;
  private final OpsEndpoints ops;
  private final java.util.function.BooleanSupplier draining;
  /** Completes when the previous response on this connection is written; keeps pipelined replies in order. */
  private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

  ApiRequestHandler(Dispatcher dispatcher, RouterMetrics metrics, OpsEndpoints ops) {
    this(dispatcher, metrics, ops, () -> false);
  }

  /** @param draining true while the server drains: every response then closes its connection */
  ApiRequestHandler(Dispatcher dispatcher, RouterMetrics metrics, OpsEndpoints ops,
      java.util.function.BooleanSupplier draining) {
    this.dispatcher = dispatcher;
    this.metrics = metrics;
    this.ops = ops;
    this.draining = draining;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    CompletableFuture<FullHttpResponse> response;
    // GETs (health checks, scrapes) are not API requests: only the rest is counted and timed.
    RouterMetrics.Request call = req.method().equals(HttpMethod.GET) ? null : metrics.start();
    String opsPath = call == null ? opsPath(req) : null;
    if (opsPath != null) {
      response = ops.answer(opsPath);
    } else {
      try {
        response = handle(req, call);
      } catch (RuntimeException e) {
        response = CompletableFuture.completedFuture(errorResponse(e, call));
      }
    }
    CompletableFuture<FullHttpResponse> inOrder = lastWrite.thenCombine(response, (ignored, r) -> r);
    CompletableFuture<Void> written = new CompletableFuture<>();
    lastWrite = written;
    inOrder.whenComplete((r, err) -> ctx.executor().execute(() -> {
      FullHttpResponse out = r != null ? r : errorResponse(err, call);
      if (call != null) {
        call.finish(out.status().code());
      }
      // While draining, "Connection: close" moves clients off this router between requests, never mid-request.
      if (keepAlive && !draining.getAsBoolean()) {
        HttpUtil.setKeepAlive(out, true);
        ctx.writeAndFlush(out).addListener(f -> written.complete(null));
      } else {
        HttpUtil.setKeepAlive(out, false);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE).addListener(f -> written.complete(null));
      }
    }));
  }

  /** The path of an operator endpoint this GET asks for, or null (any other request, or a malformed URI). */
  private static String opsPath(FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      return null;
    }
    try {
      String path = new QueryStringDecoder(req.uri()).path();
      return OpsEndpoints.handles(path) ? path : null;
    } catch (IllegalArgumentException malformed) {
      return null; // handle() answers it as before
    }
  }

  private CompletableFuture<FullHttpResponse> handle(FullHttpRequest req, RouterMetrics.Request call) {
    if (!req.decoderResult().isSuccess()) {
      return done(plain(HttpResponseStatus.BAD_REQUEST, "Bad Request\n", "text/plain"));
    }
    String path = new QueryStringDecoder(req.uri()).path();
    if (call != null) {
      call.operation(dispatcher.operationName(req.headers().get("X-Amz-Target")));
    }
    if (req.method().equals(HttpMethod.GET) && path.equals("/")) {
      // DynamoDB's health check: ScyllaDB's test_health.py shows the answer ("healthy: host:port").
      String host = req.headers().get(HttpHeaderNames.HOST, "");
      return done(plain(HttpResponseStatus.OK, "healthy: " + host, "text/plain"));
    }
    byte[] body = ByteBufUtil.getBytes(req.content());
    if (!req.method().equals(HttpMethod.POST)
        || (body.length > 0 && !ACCEPTED_CONTENT_TYPES.contains(mediaType(req)))) {
      if (call != null) {
        call.error("UnknownOperationException");
      }
      return done(plain(HttpResponseStatus.NOT_FOUND, NOT_AN_OPERATION_BODY, null));
    }
    JsonNode json = null;
    if (body.length > 0) {
      try {
        json = MAPPER.readTree(body);
      } catch (IOException e) {
        throw DynamoException.serialization(null);
      }
    }
    Dispatcher.Handler handler = dispatcher.resolve(req.headers().get("X-Amz-Target"));
    String date = req.headers().get("X-Amz-Date");
    if (date == null) {
      date = req.headers().get(HttpHeaderNames.DATE);
    }
    String region = SigV4Header.region(req.headers().get(HttpHeaderNames.AUTHORIZATION), date);
    if (json == null || json.isMissingNode()) {
      throw DynamoException.serialization(null);
    }
    if (!json.isObject()) {
      // Not verified against today's DynamoDB (dynalite 4.0.0 pins no text for a body that is a list): the older
      // Coral text. Members of the wrong type use today's texts (json.CoralType).
      throw DynamoException.serialization(json.isArray() ? "Start of list found where not expected" : null);
    }
    RequestContext ctx = dispatcher.context(region, req.headers().get(HttpHeaderNames.HOST));
    return Dispatcher.invoke(handler, ctx, (ObjectNode) json)
        .handle((result, err) -> err == null ? jsonResponse(HttpResponseStatus.OK, result)
            : errorResponse(err, call));
  }

  private static String mediaType(FullHttpRequest req) {
    String ct = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** The error's DynamoDB response; also notes its type on {@code call} (null for GETs) for the metrics. */
  private static FullHttpResponse errorResponse(Throwable err, RouterMetrics.Request call) {
    Throwable cause = err;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    DynamoException e;
    if (cause instanceof DynamoException de) {
      e = de;
    } else {
      log.error("unexpected failure while handling a request", cause);
      // DynamoDB Local's ErrorFactory INTERNAL_FAILURE text.
      e = DynamoException.internalServerError("Internal server error");
    }
    if (call != null) {
      call.error(e.type());
    }
    return bytesResponse(HttpResponseStatus.valueOf(e.status()), ErrorRenderer.render(e), JSON_CONTENT_TYPE);
  }

  private static FullHttpResponse jsonResponse(HttpResponseStatus status, ObjectNode body) {
    try {
      return bytesResponse(status, MAPPER.writeValueAsBytes(body), JSON_CONTENT_TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree always serializes
    }
  }

  private static FullHttpResponse plain(HttpResponseStatus status, String text, String contentType) {
    return bytesResponse(status, text.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /** Every response carries DynamoDB's request id and body checksum (the SDKs verify x-amz-crc32). */
  private static FullHttpResponse bytesResponse(HttpResponseStatus status, byte[] body, String contentType) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    if (contentType != null) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    r.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
    CRC32 crc = new CRC32();
    crc.update(body);
    r.headers().set("x-amz-crc32", Long.toString(crc.getValue()));
    return r;
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection error, closing", cause);
    ctx.close();
  }
}
