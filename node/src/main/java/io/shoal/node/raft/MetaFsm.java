package io.shoal.node.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.shoal.node.meta.MetaResult;
import io.shoal.node.meta.MetaState;
import io.shoal.proto.MetaCommand;
import io.shoal.proto.MetaSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata group's state machine. The catalog is small, so it lives in memory and is rebuilt on start from
 * the latest snapshot plus the log; a snapshot is the whole {@link MetaSnapshot} in one file.
 */
final class MetaFsm extends StateMachineAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(MetaFsm.class);
  private static final String FILE = "meta.pb";

  private final MetaState state;
  private volatile long leaderTerm = -1;

  private final RaftObserver observer;

  MetaFsm(MetaState state, RaftObserver observer) {
    this.state = state;
    this.observer = observer;
  }

  long leaderTerm() {
    return leaderTerm;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onApply(Iterator iter) {
    while (iter.hasNext()) {
      MetaResult result;
      try {
        result = state.apply(MetaCommand.parseFrom(iter.getData()));
      } catch (Exception e) {
        LOG.error("cannot apply metadata command at index {}", iter.getIndex(), e);
        iter.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "bad metadata command"));
        return;
      }
      Closure done = iter.done();
      if (done != null) {
        ((WriteClosure<MetaResult>) done).setResult(result);
        done.run(Status.OK());
      }
      iter.next();
    }
  }

  @Override
  public void onSnapshotSave(SnapshotWriter writer, Closure done) {
    try {
      Files.write(Path.of(writer.getPath(), FILE), state.snapshot().toByteArray());
      writer.addFile(FILE);
      done.run(Status.OK());
    } catch (IOException e) {
      done.run(new Status(RaftError.EIO, "metadata snapshot failed: %s", e.getMessage()));
    }
  }

  @Override
  public boolean onSnapshotLoad(SnapshotReader reader) {
    try {
      state.restore(MetaSnapshot.parseFrom(Files.readAllBytes(Path.of(reader.getPath(), FILE))));
      return true;
    } catch (IOException e) {
      LOG.error("cannot load metadata snapshot", e);
      return false;
    }
  }

  @Override
  public void onLeaderStart(long term) {
    leaderTerm = term;
    observer.leaderChanged(RaftHost.META_GROUP, true);
  }

  @Override
  public void onStartFollowing(LeaderChangeContext ctx) {
    observer.leaderChanged(RaftHost.META_GROUP, false);
  }

  @Override
  public void onLeaderStop(Status status) {
    leaderTerm = -1;
  }
}
