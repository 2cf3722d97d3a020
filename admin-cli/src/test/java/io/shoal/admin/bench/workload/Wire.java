package io.shoal.admin.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.shoal.admin.bench.load.Request;
import io.shoal.admin.bench.load.RequestSource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request as the server would read it: headers by name and the body parsed as JSON. */
record Wire(String requestLine, Map<String, String> headers, String body, JsonNode json) {
  static final ObjectMapper JSON = new ObjectMapper();
  static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

  static Wire next(RequestSource source) throws Exception {
    Request r = source.next(ALLOC);
    try {
      return parse(r.bytes());
    } finally {
      r.bytes().release();
    }
  }

  static Wire parse(ByteBuf buf) throws Exception {
    String all = buf.toString(StandardCharsets.UTF_8);
    int split = all.indexOf("\r\n\r\n");
    String[] head = all.substring(0, split).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(": ");
      headers.put(head[i].substring(0, colon).toLowerCase(), head[i].substring(colon + 2));
    }
    String body = all.substring(split + 4);
    return new Wire(head[0], headers, body, JSON.readTree(body));
  }

  /** DynamoDB's item size: attribute name bytes plus value bytes (strings as UTF-8, numbers by digits). */
  static int itemSize(JsonNode item) {
    int size = 0;
    for (var it = item.fields(); it.hasNext(); ) {
      var e = it.next();
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      JsonNode v = e.getValue();
      if (v.has("S")) {
        size += v.get("S").asText().getBytes(StandardCharsets.UTF_8).length;
      } else if (v.has("N")) {
        size += ItemJson.numberSize(v.get("N").asText());
      } else {
        throw new AssertionError("unexpected attribute type " + v);
      }
    }
    return size;
  }
}
