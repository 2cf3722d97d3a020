package io.shoal.node.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.ItemVersion;
import java.io.IOException;

/**
 * Writes the {@link ItemVersion} and {@link ChangeRecord} values of a base write around items that are already
 * encoded, so apply encodes a new item once and never re-encodes the one it replaces. The output is byte for byte
 * what the generated {@code toByteArray()} gives for the same fields (fields in number order, proto3 defaults
 * omitted, images written when present even if empty): replicas compare digests of these bytes, and stored data
 * must read the same across releases. {@code StoredRecordsTest} holds this against the generated code.
 */
final class StoredRecords {
  private StoredRecords() {}

  static byte[] itemVersion(ByteString item, long hlc, String origin, long seq) {
    int size = CodedOutputStream.computeBytesSize(ItemVersion.ITEM_FIELD_NUMBER, item)
        + uint64Size(ItemVersion.HLC_FIELD_NUMBER, hlc) + stringSize(ItemVersion.ORIGIN_FIELD_NUMBER, origin)
        + uint64Size(ItemVersion.SEQ_FIELD_NUMBER, seq);
    byte[] out = new byte[size];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      o.writeBytes(ItemVersion.ITEM_FIELD_NUMBER, item);
      writeUInt64(o, ItemVersion.HLC_FIELD_NUMBER, hlc);
      writeString(o, ItemVersion.ORIGIN_FIELD_NUMBER, origin);
      writeUInt64(o, ItemVersion.SEQ_FIELD_NUMBER, seq);
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("item version size miscomputed", e);
    }
    return out;
  }

  /** A PUT or DELETE record; {@code oldImage} and {@code newImage} are encoded items, null when absent. */
  static byte[] changeRecord(long seq, long raftIndex, long hlc, String origin, long tableId, byte[] key,
      ChangeRecord.Kind kind, ByteString oldImage, ByteString newImage) {
    int size = uint64Size(ChangeRecord.SEQ_FIELD_NUMBER, seq)
        + uint64Size(ChangeRecord.RAFT_INDEX_FIELD_NUMBER, raftIndex)
        + uint64Size(ChangeRecord.HLC_FIELD_NUMBER, hlc) + stringSize(ChangeRecord.ORIGIN_FIELD_NUMBER, origin)
        + uint64Size(ChangeRecord.TABLE_ID_FIELD_NUMBER, tableId)
        + (key.length == 0 ? 0 : CodedOutputStream.computeByteArraySize(ChangeRecord.KEY_FIELD_NUMBER, key))
        + (kind.getNumber() == 0 ? 0 : CodedOutputStream.computeEnumSize(ChangeRecord.KIND_FIELD_NUMBER,
            kind.getNumber()))
        + (oldImage == null ? 0 : CodedOutputStream.computeBytesSize(ChangeRecord.OLD_IMAGE_FIELD_NUMBER, oldImage))
        + (newImage == null ? 0 : CodedOutputStream.computeBytesSize(ChangeRecord.NEW_IMAGE_FIELD_NUMBER, newImage));
    byte[] out = new byte[size];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      writeUInt64(o, ChangeRecord.SEQ_FIELD_NUMBER, seq);
      writeUInt64(o, ChangeRecord.RAFT_INDEX_FIELD_NUMBER, raftIndex);
      writeUInt64(o, ChangeRecord.HLC_FIELD_NUMBER, hlc);
      writeString(o, ChangeRecord.ORIGIN_FIELD_NUMBER, origin);
      writeUInt64(o, ChangeRecord.TABLE_ID_FIELD_NUMBER, tableId);
      if (key.length != 0) {
        o.writeByteArray(ChangeRecord.KEY_FIELD_NUMBER, key);
      }
      if (kind.getNumber() != 0) {
        o.writeEnum(ChangeRecord.KIND_FIELD_NUMBER, kind.getNumber());
      }
      if (oldImage != null) {
        o.writeBytes(ChangeRecord.OLD_IMAGE_FIELD_NUMBER, oldImage);
      }
      if (newImage != null) {
        o.writeBytes(ChangeRecord.NEW_IMAGE_FIELD_NUMBER, newImage);
      }
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("change record size miscomputed", e);
    }
    return out;
  }

  private static int uint64Size(int field, long value) {
    return value == 0 ? 0 : CodedOutputStream.computeUInt64Size(field, value);
  }

  private static int stringSize(int field, String value) {
    return value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, value);
  }

  private static void writeUInt64(CodedOutputStream o, int field, long value) throws IOException {
    if (value != 0) {
      o.writeUInt64(field, value);
    }
  }

  private static void writeString(CodedOutputStream o, int field, String value) throws IOException {
    if (!value.isEmpty()) {
      o.writeString(field, value);
    }
  }
}
