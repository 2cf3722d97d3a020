package io.shoal.node.group;

import io.shoal.proto.ErrorCode;
import io.shoal.proto.Item;

/** Outcome of one applied command, handed back to the proposer's closure. */
public record ApplyResult(ErrorCode error, String message, Item oldItem, Item newItem, long seq,
    long itemCollectionSize) {
  public ApplyResult(ErrorCode error, String message, Item oldItem, Item newItem, long seq) {
    this(error, message, oldItem, newItem, seq, 0);
  }

  public ApplyResult withItemCollectionSize(long size) {
    return new ApplyResult(error, message, oldItem, newItem, seq, size);
  }

  public static ApplyResult ok(Item oldItem, long seq) {
    return new ApplyResult(ErrorCode.OK, "", oldItem, null, seq);
  }

  public static ApplyResult written(Item oldItem, Item newItem, long seq) {
    return new ApplyResult(ErrorCode.OK, "", oldItem, newItem, seq);
  }

  public static ApplyResult failed(ErrorCode code, String message) {
    return new ApplyResult(code, message, null, null, 0);
  }

  /** The condition was false: nothing was written; the caller may return the item as it was. */
  public static ApplyResult conditionFailed(Item current) {
    return new ApplyResult(ErrorCode.CONDITION_FAILED, "The conditional request failed", current, null, 0);
  }

  public boolean isOk() {
    return error == ErrorCode.OK;
  }
}
