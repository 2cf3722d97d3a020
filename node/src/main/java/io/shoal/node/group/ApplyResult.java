package io.shoal.node.group;

import io.shoal.proto.ErrorCode;
import io.shoal.proto.Item;

/** Outcome of one applied command, handed back to the proposer's closure. */
public record ApplyResult(ErrorCode error, String message, Item oldItem, long seq) {
  public static ApplyResult ok(Item oldItem, long seq) {
    return new ApplyResult(ErrorCode.OK, "", oldItem, seq);
  }

  public static ApplyResult failed(ErrorCode code, String message) {
    return new ApplyResult(code, message, null, 0);
  }

  public boolean isOk() {
    return error == ErrorCode.OK;
  }
}
