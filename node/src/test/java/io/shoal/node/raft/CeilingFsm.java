package io.shoal.node.raft;

import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cheapest state machine jraft can drive: it counts entries and their bytes, and completes the leader's
 * closures. What a Raft ceiling run measures is then jraft itself (log, fsync, replication, hand-offs), not Shoal's
 * apply.
 */
final class CeilingFsm extends StateMachineAdapter {
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong appliedBytes = new AtomicLong();

  @Override
  public void onApply(Iterator it) {
    while (it.hasNext()) {
      applied.incrementAndGet();
      appliedBytes.addAndGet(it.getData() == null ? 0 : it.getData().remaining());
      if (it.done() != null) {
        it.done().run(Status.OK());
      }
      it.next();
    }
  }

  long applied() {
    return applied.get();
  }

  long appliedBytes() {
    return appliedBytes.get();
  }
}
