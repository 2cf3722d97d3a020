package io.shoal.node.group;

import com.google.protobuf.ByteString;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.EncodedChangeRecord;
import io.shoal.proto.EncodedItemVersion;

/**
 * Writes the {@link io.shoal.proto.ItemVersion} and {@link ChangeRecord} values of a base write around items that
 * are already encoded (through their wire-compatible twins {@link EncodedItemVersion} and {@link EncodedChangeRecord}),
 * so apply encodes a new item once and never re-encodes the one it replaces. The output is byte for byte what the
 * original messages' {@code toByteArray()} gives for the same fields: replicas compare digests of these bytes, and
 * stored data must read the same across releases. {@code StoredRecordsTest} holds this against the generated code.
 */
final class StoredRecords {
  private StoredRecords() {}

  static byte[] itemVersion(ByteString item, long hlc, String origin, long seq) {
    return EncodedItemVersion.newBuilder().setItem(item).setHlc(hlc).setOrigin(origin).setSeq(seq).build()
        .toByteArray();
  }

  /** A PUT or DELETE record; {@code oldImage} and {@code newImage} are encoded items, null when absent. */
  static byte[] changeRecord(long seq, long raftIndex, long hlc, String origin, long tableId, byte[] key,
      ChangeRecord.Kind kind, ByteString oldImage, ByteString newImage) {
    EncodedChangeRecord.Builder b = EncodedChangeRecord.newBuilder().setSeq(seq).setRaftIndex(raftIndex).setHlc(hlc)
        .setOrigin(origin).setTableId(tableId).setKey(ByteString.copyFrom(key)).setKind(kind);
    if (oldImage != null) {
      b.setOldImage(oldImage);
    }
    if (newImage != null) {
      b.setNewImage(newImage);
    }
    return b.build().toByteArray();
  }
}
