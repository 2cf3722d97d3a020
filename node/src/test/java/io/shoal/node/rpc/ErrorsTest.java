package io.shoal.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.error.RaftError;
import io.shoal.node.raft.RaftException;
import io.shoal.proto.ErrorCode;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failed proposals the router may retry: only refusals that happened before the entry entered the log. */
class ErrorsTest {

  private static ErrorCode codeOf(int raftError, String message) {
    return Errors.fromThrowable(new CompletionException(new RaftException(raftError, message)), "n2:7202")
        .getCode();
  }

  @Test
  void refusedBeforeTheLogIsNotLeaderAndRetriable() {
    assertThat(codeOf(RaftError.EPERM.getNumber(), "Is not leader.")).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(codeOf(RaftError.EPERM.getNumber(), "expected_term=3 doesn't match current_term=4"))
        .isEqualTo(ErrorCode.NOT_LEADER);
  }

  @Test
  void steppedDownWithTheEntryPendingIsAnUnknownOutcome() {
    assertThat(codeOf(RaftError.EPERM.getNumber(), "Leader stepped down")).isEqualTo(ErrorCode.INTERNAL);
    assertThat(codeOf(RaftError.EPERM.getNumber(), "Leader stepped down.")).isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void busyStaysRetriable() {
    assertThat(codeOf(RaftError.EBUSY.getNumber(), "Is busy")).isEqualTo(ErrorCode.BUSY);
  }
}
