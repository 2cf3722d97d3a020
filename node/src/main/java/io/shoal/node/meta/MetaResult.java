package io.shoal.node.meta;

import io.shoal.proto.ErrorCode;
import io.shoal.proto.TableInfo;

/** Outcome of one metadata command. */
public record MetaResult(ErrorCode error, String message, TableInfo table) {
  public static MetaResult ok(TableInfo table) {
    return new MetaResult(ErrorCode.OK, "", table);
  }

  public static MetaResult failed(ErrorCode code, String message) {
    return new MetaResult(code, message, null);
  }

  public boolean isOk() {
    return error == ErrorCode.OK;
  }
}
