package io.shoal.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoarseRaftTimerFactoryTest {
  @Test
  void jraftLoadsItInsteadOfItsOwnFactory() {
    assertThat(JRaftUtils.raftTimerFactory()).isInstanceOf(CoarseRaftTimerFactory.class);
  }

  @Test
  void itsTimersStillFireTheirTasks() throws Exception {
    Timer timer = new CoarseRaftTimerFactory().createTimer("test-timer");
    try {
      CountDownLatch fired = new CountDownLatch(1);
      long started = System.nanoTime();
      timer.newTimeout(t -> fired.countDown(), 30, TimeUnit.MILLISECONDS);
      assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(20);
    } finally {
      timer.stop();
    }
  }
}
