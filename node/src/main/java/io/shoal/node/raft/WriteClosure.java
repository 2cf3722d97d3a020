package io.shoal.node.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import java.util.concurrent.CompletableFuture;

/** Carries a proposal's result from the apply thread back to the proposer. */
final class WriteClosure<R> implements Closure {
  private final CompletableFuture<R> future = new CompletableFuture<>();
  private volatile R result;

  CompletableFuture<R> future() {
    return future;
  }

  void setResult(R r) {
    this.result = r;
  }

  @Override
  public void run(Status status) {
    if (status.isOk()) {
      future.complete(result);
    } else {
      future.completeExceptionally(new RaftException(status.getCode(), status.getErrorMsg()));
    }
  }
}
