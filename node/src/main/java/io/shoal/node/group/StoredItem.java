package io.shoal.node.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.core.item.EncodedItemSize;
import io.shoal.core.item.ItemSize;
import io.shoal.node.storage.StorageException;
import io.shoal.proto.EncodedItemVersion;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;

/**
 * An item held as its protobuf encoding and decoded at most once, on first use. Apply copies a replaced item's
 * bytes into the change record as they are; only a condition, an update, LSI maintenance or the proposer's reply
 * needs the decoded item, so an unconditional put or delete on a follower never decodes it.
 *
 * <p>Safe to share between threads: the proposer's reply may decode it after apply has moved on.
 */
final class StoredItem {
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

  /**
   * The item of an encoded {@link ItemVersion}, taken out without decoding the item itself. Versions come from
   * {@link StoredRecords#itemVersion}, which writes the item field once (protobuf would merge repeated occurrences
   * of a message field; the bytes twin keeps the last).
   */
  static StoredItem fromVersion(byte[] version) {
    try {
      return new StoredItem(EncodedItemVersion.parseFrom(version).getItem(), null);
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("corrupt item version", e);
    }
  }

  /** The item's encoding, as protobuf writes it inside an {@link ItemVersion} or a change record. */
  ByteString bytes() {
    return bytes;
  }

  /** The item's DynamoDB size ({@link ItemSize}), from the decoded item if there is one, else from the bytes. */
  long size() {
    Item decoded = item;
    return decoded != null ? ItemSize.of(decoded) : sizeOf(bytes);
  }

  /** The DynamoDB size of an item given as its stored encoding, without decoding it. */
  static long sizeOf(ByteString encodedItem) {
    try {
      return EncodedItemSize.of(encodedItem);
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("corrupt item version", e);
    }
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
