package io.shoal.node.raft;

import com.alipay.sofa.jraft.util.NamedThreadFactory;
import com.alipay.sofa.jraft.util.SPI;
import com.alipay.sofa.jraft.util.timer.DefaultRaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.HashedWheelTimer;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.TimeUnit;

/**
 * jraft's timer factory with a coarser tick for the timers it creates on its own. The only one Shoal meets is the
 * timeout scanner of ReadIndex requests (2 s timeouts): jraft's default wheel ticks every millisecond, a thousand
 * wake-ups a second for as long as the process lives, which a PutItem profile put at 2.7% of a leader node's CPU.
 * Ten milliseconds is precise enough for a two-second timeout. The election, vote, step-down and snapshot timers are
 * the shared ones ({@link RaftHost} sets {@code shared*Timer}), which this leaves as they are.
 *
 * <p>Found by jraft's service loader (META-INF/services); the higher priority wins over jraft's own factory.
 */
@SPI(priority = 1)
public final class CoarseRaftTimerFactory extends DefaultRaftTimerFactory {
  static final long TICK_MS = 10;

  @Override
  public Timer createTimer(String name) {
    return new HashedWheelTimer(new NamedThreadFactory(name, true), TICK_MS, TimeUnit.MILLISECONDS, 512);
  }
}
