package io.shoal.admin.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * One request ready for the wire: the whole HTTP/1.1 message (request line, headers, body) as bytes. The connection
 * writes {@code bytes} once and gives up ownership; {@code tag} lets a source recognise its request in
 * {@link RequestSource#done}.
 */
public record Request(OpKind op, ByteBuf bytes, long tag) {}
