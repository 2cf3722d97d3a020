package io.shoal.node.raft;

import com.alipay.sofa.jraft.error.RaftError;

/** A proposal or read that jraft refused or could not finish (not leader, stepped down, timed out, ...). */
public final class RaftException extends RuntimeException {
  private final int code;

  public RaftException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** True when jraft rejected the request before it could take effect, so retrying elsewhere is safe. */
  public boolean notLeader() {
    return code == RaftError.EPERM.getNumber();
  }

  public int code() {
    return code;
  }
}
