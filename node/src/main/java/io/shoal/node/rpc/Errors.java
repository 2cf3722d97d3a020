package io.shoal.node.rpc;

import io.shoal.node.raft.RaftException;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.RpcError;
import java.util.concurrent.CompletionException;

/** Builders for the internal error codes; which codes are retriable is decided here only. */
final class Errors {
  private Errors() {}

  static RpcError of(ErrorCode code, String message) {
    return RpcError.newBuilder().setCode(code).setMessage(message).setRetriable(retriable(code)).build();
  }

  static RpcError notLeader(String leaderGrpcAddress) {
    RpcError.Builder b = of(ErrorCode.NOT_LEADER, "not the leader").toBuilder();
    if (leaderGrpcAddress != null) {
      b.setLeaderHint(leaderGrpcAddress);
    }
    return b.build();
  }

  static boolean retriable(ErrorCode code) {
    switch (code) {
      case NOT_LEADER:
      case EPOCH_MISMATCH:
      case GROUP_NOT_FOUND:
      case BUSY:
        return true;
      default:
        return false;
    }
  }

  /**
   * Maps a failed read barrier. Reads change nothing, so any failure (a new leader that has not committed in its
   * term yet, a read-index timeout) is safe to retry: BUSY unless it is a plain NOT_LEADER.
   */
  static RpcError forRead(Throwable t, String leaderGrpcAddress) {
    RpcError e = fromThrowable(t, leaderGrpcAddress);
    return e.getCode() == ErrorCode.NOT_LEADER ? e : of(ErrorCode.BUSY, e.getMessage());
  }

  /** Maps a failed proposal: a refusal before the entry was accepted is retriable; anything else is unknown. */
  static RpcError fromThrowable(Throwable t, String leaderGrpcAddress) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof RaftException re) {
      if (re.notLeader()) {
        return notLeader(leaderGrpcAddress);
      }
      if (re.code() == com.alipay.sofa.jraft.error.RaftError.EBUSY.getNumber()) {
        return of(ErrorCode.BUSY, re.getMessage());
      }
      return of(ErrorCode.INTERNAL, "raft: " + re.getMessage());
    }
    return of(ErrorCode.INTERNAL, String.valueOf(c));
  }
}
