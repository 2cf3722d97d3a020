package io.shoal.admin.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Judges one response: 200 is OK, a 400 ConditionalCheckFailedException is its own outcome, everything else is an
 * error named by {@code __type} and status. Success bodies are not parsed (that would cost more than the rest of the
 * client); only the two numbers the report needs are scanned from the bytes.
 */
public final class ResponseCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ByteBuf COUNT = ascii("\"Count\":");
  private static final ByteBuf NO_UNPROCESSED = ascii("\"UnprocessedItems\":{}");
  private static final String CONDITION_FAILED = "ConditionalCheckFailedException";

  private ResponseCheck() {}

  public static Outcome check(OpKind op, int status, ByteBuf body) {
    if (status == 200) {
      return switch (op) {
        case QUERY -> Outcome.ok(count(body), 0);
        case BATCH_WRITE_ITEM -> Outcome.ok(0, unprocessed(body));
        default -> Outcome.OK;
      };
    }
    JsonNode error = parse(body);
    String type = error == null ? "" : error.path("__type").asText("");
    if (status == 400 && type.endsWith(CONDITION_FAILED)) {
      return Outcome.CONDITION_FAILED;
    }
    String shortType = type.substring(type.indexOf('#') + 1);
    String message = error == null ? body.toString(StandardCharsets.UTF_8)
        : error.path("message").asText(error.path("Message").asText(""));
    return Outcome.error(shortType.isEmpty() ? "HTTP " + status : shortType + " (" + status + ")",
        message.length() > 200 ? message.substring(0, 200) + "…" : message);
  }

  /** The {@code "Count":N} of a Query response; 0 if absent. */
  static int count(ByteBuf body) {
    int at = ByteBufUtil.indexOf(COUNT.duplicate(), body);
    if (at < 0) {
      return 0;
    }
    int i = at + COUNT.readableBytes();
    int end = body.writerIndex();
    while (i < end && body.getByte(i) == ' ') {
      i++;
    }
    int n = 0;
    for (; i < end; i++) {
      byte b = body.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      n = n * 10 + (b - '0');
    }
    return n;
  }

  /** Items in a BatchWriteItem's {@code UnprocessedItems}; the common empty map is recognised without parsing. */
  static int unprocessed(ByteBuf body) {
    if (ByteBufUtil.indexOf(NO_UNPROCESSED.duplicate(), body) >= 0) {
      return 0;
    }
    JsonNode tree = parse(body);
    if (tree == null) {
      return 0;
    }
    int n = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("UnprocessedItems").fields(); it.hasNext(); ) {
      n += it.next().getValue().size();
    }
    return n;
  }

  private static JsonNode parse(ByteBuf body) {
    if (!body.isReadable()) {
      return null;
    }
    try (InputStream in = new io.netty.buffer.ByteBufInputStream(body.duplicate())) {
      JsonNode n = JSON.readTree(in);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
  }
}
