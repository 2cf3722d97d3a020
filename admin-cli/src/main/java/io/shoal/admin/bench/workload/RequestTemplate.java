package io.shoal.admin.bench.workload;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.shoal.admin.bench.load.OpKind;
import io.shoal.admin.bench.load.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole HTTP request encoded once: request line, the fixed DynamoDB headers (content type, target, a well-formed
 * SigV4 Authorization with fixed credentials and its X-Amz-Date, which Shoal, DynamoDB Local and dynalite accept
 * without checking the signature), Content-Length and body. Keys are fixed-width decimals, so every request of a
 * template has the same length: building one is a copy of the bytes plus writing the key digits into the slots,
 * no JSON encoding on the hot path.
 */
public final class RequestTemplate {
  /** Digits of a key number: keys look like {@code k0000000042}. */
  public static final int KEY_DIGITS = 10;
  /** Where a key's digits go in a body given to {@link #of}. */
  public static final String SLOT = "#".repeat(KEY_DIGITS);

  static final String AMZ_DATE = "20260101T000000Z";
  static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=shoal/20260101/us-east-1/dynamodb/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
      + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

  private final OpKind op;
  private final byte[] bytes;
  private final int[] slots;

  private RequestTemplate(OpKind op, byte[] bytes, int[] slots) {
    this.op = op;
    this.bytes = bytes;
    this.slots = slots;
  }

  /** A template for {@code op} whose body has a {@link #SLOT} wherever a key number goes. */
  public static RequestTemplate of(OpKind op, String hostHeader, String body) {
    byte[] bytes = encode(op, hostHeader, body.getBytes(StandardCharsets.UTF_8));
    byte[] slot = SLOT.getBytes(StandardCharsets.US_ASCII);
    List<Integer> at = new ArrayList<>();
    outer:
    for (int i = 0; i + slot.length <= bytes.length; i++) {
      for (int j = 0; j < slot.length; j++) {
        if (bytes[i + j] != slot[j]) {
          continue outer;
        }
      }
      at.add(i);
      i += slot.length - 1;
    }
    return new RequestTemplate(op, bytes, at.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The request line and headers for a body of {@code body.length} bytes, followed by the body. */
  public static byte[] encode(OpKind op, String hostHeader, byte[] body) {
    String head = "POST / HTTP/1.1\r\n"
        + "Host: " + hostHeader + "\r\n"
        + "Content-Type: application/x-amz-json-1.0\r\n"
        + "X-Amz-Target: DynamoDB_20120810." + op.operation() + "\r\n"
        + "X-Amz-Date: " + AMZ_DATE + "\r\n"
        + "Authorization: " + AUTHORIZATION + "\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  public OpKind op() {
    return op;
  }

  public int slots() {
    return slots.length;
  }

  /** The whole request with every slot set to {@code key}. */
  public Request request(ByteBufAllocator alloc, long key) {
    ByteBuf buf = alloc.buffer(bytes.length).writeBytes(bytes);
    for (int at : slots) {
      writeDigits(buf, at, key);
    }
    return new Request(op, buf, key);
  }

  /** The whole request with slot i set to {@code keys[i]}. */
  public Request request(ByteBufAllocator alloc, long[] keys) {
    if (keys.length != slots.length) {
      throw new IllegalArgumentException("template has " + slots.length + " key slots, got " + keys.length + " keys");
    }
    ByteBuf buf = alloc.buffer(bytes.length).writeBytes(bytes);
    for (int i = 0; i < slots.length; i++) {
      writeDigits(buf, slots[i], keys[i]);
    }
    return new Request(op, buf, keys.length == 0 ? 0 : keys[0]);
  }

  /** Writes {@code v} as {@link #KEY_DIGITS} zero-padded digits at {@code at}. */
  static void writeDigits(ByteBuf buf, int at, long v) {
    if (v < 0 || v >= 10_000_000_000L) {
      throw new IllegalArgumentException("key number out of range: " + v);
    }
    for (int i = KEY_DIGITS - 1; i >= 0; i--) {
      buf.setByte(at + i, (int) ('0' + v % 10));
      v /= 10;
    }
  }

  /** A key as the templates render it: {@code prefix} and {@link #KEY_DIGITS} zero-padded digits. */
  public static String key(char prefix, long n) {
    String d = Long.toString(n);
    return prefix + "0".repeat(KEY_DIGITS - d.length()) + d;
  }
}
