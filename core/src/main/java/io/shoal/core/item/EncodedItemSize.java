package io.shoal.core.item;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * {@link ItemSize#of} of an item given as its protobuf encoding, counted without decoding it: names and strings are
 * counted by the UTF-8 length the encoding carries and never become Java strings. A node answering a read with the
 * stored bytes needs only the size (the 1 MB page, read capacity).
 *
 * <p>Follows the schema in item.proto field by field. Expects encodings protobuf wrote: each map key once and one
 * member of a value's oneof (protobuf would keep the last of repeated ones; this would count both).
 */
public final class EncodedItemSize {
  /** Tags of length-delimited fields 1 and 2: (field number << 3) | wire type. */
  private static final int FIELD_1 = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int FIELD_2 = 2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private EncodedItemSize() {}

  /** @throws InvalidProtocolBufferException when the bytes are not an encoded Item */
  public static long of(ByteString item) throws InvalidProtocolBufferException {
    try {
      return entries(item.newCodedInput(), 0);
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
  }

  /**
   * A message whose field 1 is a {@code map<string, AttributeValue>} (Item, AttributeMap), read to its end: names
   * plus values, plus {@code perEntry} for each entry.
   */
  private static long entries(CodedInputStream in, long perEntry) throws IOException {
    long size = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != FIELD_1) {
        in.skipField(tag);
        continue;
      }
      int limit = in.pushLimit(in.readRawVarint32());
      size += perEntry;
      for (int t = in.readTag(); t != 0; t = in.readTag()) {
        if (t == FIELD_1) {
          size += skipLength(in);
        } else if (t == FIELD_2) {
          size += value(in);
        } else {
          in.skipField(t);
        }
      }
      in.popLimit(limit);
    }
    return size;
  }

  /** A length-delimited AttributeValue at the current position. */
  private static long value(CodedInputStream in) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long size = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1, 3 -> size = skipLength(in); // S: UTF-8 bytes; B: bytes
        case 2 -> size = ItemSize.number(in.readStringRequireUtf8()); // N: canonical number text
        case 4, 5 -> { // BOOL, NULL
          in.skipField(tag);
          size = 1;
        }
        case 6, 8 -> size = repeated(in, false); // SS, BS
        case 7 -> size = repeated(in, true); // NS
        case 9 -> size = list(in); // L
        case 10 -> size = nestedEntries(in); // M
        default -> in.skipField(tag);
      }
    }
    in.popLimit(limit);
    return size;
  }

  /** A StringSet or BinarySet: the sum of its members' sizes. */
  private static long repeated(CodedInputStream in, boolean numbers) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long size = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != FIELD_1) {
        in.skipField(tag);
      } else if (numbers) {
        size += ItemSize.number(in.readStringRequireUtf8());
      } else {
        size += skipLength(in);
      }
    }
    in.popLimit(limit);
    return size;
  }

  /** An AttributeList: three bytes plus one per element. */
  private static long list(CodedInputStream in) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long size = 3;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == FIELD_1) {
        size += 1 + value(in);
      } else {
        in.skipField(tag);
      }
    }
    in.popLimit(limit);
    return size;
  }

  /** An AttributeMap: three bytes plus, per entry, one byte, the name and the value. */
  private static long nestedEntries(CodedInputStream in) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long size = 3 + entries(in, 1);
    in.popLimit(limit);
    return size;
  }

  /** Skips a length-delimited field's contents and returns their length. */
  private static int skipLength(CodedInputStream in) throws IOException {
    int length = in.readRawVarint32();
    in.skipRawBytes(length);
    return length;
  }
}
