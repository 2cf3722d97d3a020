package io.shoal.node.group;

import io.shoal.proto.ErrorCode;
import io.shoal.proto.Item;

/**
 * Outcome of one applied command, handed back to the proposer's closure. The replaced item is decoded only when
 * {@link #oldItem()} is first called: followers drop their results unread, so they never pay for it.
 */
public final class ApplyResult {
  private final ErrorCode error;
  private final String message;
  private final StoredItem old;
  private final Item newItem;
  private final long seq;
  private final long itemCollectionSize;

  private ApplyResult(ErrorCode error, String message, StoredItem old, Item newItem, long seq,
      long itemCollectionSize) {
    this.error = error;
    this.message = message;
    this.old = old;
    this.newItem = newItem;
    this.seq = seq;
    this.itemCollectionSize = itemCollectionSize;
  }

  public ErrorCode error() {
    return error;
  }

  public String message() {
    return message;
  }

  /** The item before the write (or, after a failed condition, as it is); null if there was none. */
  public Item oldItem() {
    return old == null ? null : old.item();
  }

  /**
   * DynamoDB's size of {@link #oldItem()}, 0 if there was none; counted from the stored bytes unless the item was
   * decoded anyway, so a write whose caller needs only the size does not decode the replaced item.
   */
  public long oldItemSize() {
    return old == null ? 0 : old.size();
  }

  public Item newItem() {
    return newItem;
  }

  public long seq() {
    return seq;
  }

  public long itemCollectionSize() {
    return itemCollectionSize;
  }

  public ApplyResult withItemCollectionSize(long size) {
    return new ApplyResult(error, message, old, newItem, seq, size);
  }

  /** A command that changed no item (index bookkeeping, a drop, a repeated drop). */
  public static ApplyResult ok(long seq) {
    return new ApplyResult(ErrorCode.OK, "", null, null, seq, 0);
  }

  static ApplyResult written(StoredItem old, Item newItem, long seq) {
    return new ApplyResult(ErrorCode.OK, "", old, newItem, seq, 0);
  }

  public static ApplyResult failed(ErrorCode code, String message) {
    return new ApplyResult(code, message, null, null, 0, 0);
  }

  /** The condition was false: nothing was written; the caller may return the item as it was. */
  static ApplyResult conditionFailed(StoredItem current) {
    return new ApplyResult(ErrorCode.CONDITION_FAILED, "The conditional request failed", current, null, 0, 0);
  }

  public boolean isOk() {
    return error == ErrorCode.OK;
  }

  @Override
  public String toString() {
    return "ApplyResult[error=" + error + ", message=" + message + ", seq=" + seq + ", hadOld=" + (old != null)
        + ", hadNew=" + (newItem != null) + ", itemCollectionSize=" + itemCollectionSize + "]";
  }
}
