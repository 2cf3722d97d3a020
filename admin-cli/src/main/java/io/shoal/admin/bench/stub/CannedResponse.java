package io.shoal.admin.bench.stub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A whole HTTP/1.1 response encoded once, with the headers DynamoDB sends (request id, CRC32 of the body). The stub
 * writes a duplicate of the same unreleasable bytes each time: no encoding, no copying in user space.
 */
public final class CannedResponse {
  private static final String REQUEST_ID = "STUB0000000000000000000000000000000000000000000000AA";

  private CannedResponse() {}

  public static ByteBuf of(int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(b);
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Server: Server\r\n"
        + "Content-Type: application/x-amz-json-1.0\r\n"
        + "Content-Length: " + b.length + "\r\n"
        + "x-amzn-RequestId: " + REQUEST_ID + "\r\n"
        + "x-amz-crc32: " + crc.getValue() + "\r\n"
        + "\r\n";
    ByteBuf buf = Unpooled.directBuffer(head.length() + b.length);
    buf.writeBytes(head.getBytes(StandardCharsets.US_ASCII)).writeBytes(b);
    return Unpooled.unreleasableBuffer(buf);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }
}
