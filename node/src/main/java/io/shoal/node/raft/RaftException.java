package io.shoal.node.raft;

import com.alipay.sofa.jraft.error.RaftError;

/** A proposal or read that jraft refused or could not finish (not leader, stepped down, timed out, ...). */
public final class RaftException extends RuntimeException {
  private final int code;

  public RaftException(int code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * True when jraft rejected the request before it could take effect, so retrying elsewhere is safe.
   *
   * <p>Not every EPERM is such a refusal: when a leader steps down (a transfer, a higher term) jraft fails every
   * proposal still waiting for its majority with EPERM "Leader stepped down" (ClosureQueueImpl.clear, and the
   * configuration-change variant "Leader stepped down."). Those entries are already in the log and may well be
   * committed by the next leader, so their outcome is unknown; retrying them applied a write twice and broke
   * linearizability in LeaderStormIT and ProcessFaultIT.
   */
  public boolean notLeader() {
    return code == RaftError.EPERM.getNumber() && !steppedDownWithEntryPending();
  }

  private boolean steppedDownWithEntryPending() {
    return getMessage() != null && getMessage().startsWith("Leader stepped down");
  }

  public int code() {
    return code;
  }
}
