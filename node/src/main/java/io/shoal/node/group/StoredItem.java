package io.shoal.node.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.shoal.node.storage.StorageException;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;
import java.io.IOException;

/**
 * An item held as its protobuf encoding and decoded at most once, on first use. Apply copies a replaced item's
 * bytes into the change record as they are; only a condition, an update, LSI maintenance or the proposer's reply
 * needs the decoded item, so an unconditional put or delete on a follower never decodes it.
 *
 * <p>Safe to share between threads: the proposer's reply may decode it after apply has moved on.
 */
final class StoredItem {
  /** Field number and wire type, as protobuf's tags are laid out ({@code WireFormat.makeTag} is not public). */
  private static final int ITEM_TAG = ItemVersion.ITEM_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private final ByteString bytes;
  private volatile Item item;

  private StoredItem(ByteString bytes, Item item) {
    this.bytes = bytes;
    this.item = item;
  }

  /** An item that is already decoded, with its encoding ({@code item.toByteString()}). */
  static StoredItem of(Item item, ByteString bytes) {
    return new StoredItem(bytes, item);
  }

  /** The item of an encoded {@link ItemVersion}, found without decoding the item itself. */
  static StoredItem fromVersion(byte[] version) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(version);
      ByteString item = ByteString.EMPTY;
      boolean seen = false;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == ITEM_TAG) {
          if (seen) {
            // Protobuf merges a repeated message field; our writers never repeat it, so take the slow, exact path.
            Item merged = ItemVersion.parseFrom(version).getItem();
            return new StoredItem(merged.toByteString(), merged);
          }
          item = in.readBytes();
          seen = true;
        } else if (!in.skipField(tag)) {
          break;
        }
      }
      return new StoredItem(item, null);
    } catch (IOException e) {
      throw new StorageException("corrupt item version", e);
    }
  }

  /** The item's encoding, as protobuf writes it inside an {@link ItemVersion} or a change record. */
  ByteString bytes() {
    return bytes;
  }

  Item item() {
    Item decoded = item;
    if (decoded == null) {
      try {
        decoded = Item.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new StorageException("corrupt item version", e);
      }
      item = decoded;
    }
    return decoded;
  }
}
