package io.shoal.node.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.node.group.ApplyResult;
import io.shoal.node.group.GroupStateMachine;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.proto.DataCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a data group's committed entries to its {@link GroupStateMachine} and moves its snapshots. Saving a snapshot
 * only pins the state on the apply thread; the files are written on the node's {@link SnapshotExports} thread so the
 * group keeps applying writes meanwhile.
 */
final class DataGroupFsm extends StateMachineAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DataGroupFsm.class);

  private final GroupStateMachine state;
  private final GroupSnapshots snapshots;
  private final SnapshotExports exports;
  private final RaftObserver observer;
  private volatile long leaderTerm = -1;
  /** The last export handed to {@link #exports}; jraft runs at most one save of a group at a time. */
  private volatile SnapshotExports.Pending pending;

  DataGroupFsm(GroupStateMachine state, RocksStorageEngine engine, SnapshotExports exports, RaftObserver observer) {
    this.state = state;
    this.snapshots = new GroupSnapshots(state, engine);
    this.exports = exports;
    this.observer = observer;
  }

  private String groupName() {
    return RaftHost.dataGroupName(state.range().groupId());
  }

  GroupStateMachine state() {
    return state;
  }

  GroupSnapshots snapshots() {
    return snapshots;
  }

  long leaderTerm() {
    return leaderTerm;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onApply(Iterator iter) {
    List<GroupStateMachine.Entry> entries = new ArrayList<>();
    List<Closure> closures = new ArrayList<>();
    while (iter.hasNext()) {
      DataCommand cmd;
      try {
        cmd = DataCommand.parseFrom(iter.getData());
      } catch (InvalidProtocolBufferException e) {
        LOG.error("undecodable command at index {} of group {}", iter.getIndex(), state.range().groupId(), e);
        iter.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "undecodable command"));
        return;
      }
      entries.add(new GroupStateMachine.Entry(iter.getIndex(), cmd));
      closures.add(iter.done());
      iter.next();
    }
    if (entries.isEmpty()) {
      return;
    }
    // Timed here, in the adapter, not in GroupStateMachine: the clock reading only feeds the metrics and never
    // reaches the state, so apply stays deterministic.
    long started = System.nanoTime();
    List<ApplyResult> results = state.apply(entries);
    observer.applied(groupName(), entries.size(), System.nanoTime() - started);
    for (int i = 0; i < closures.size(); i++) {
      Closure done = closures.get(i);
      if (done != null) {
        ((WriteClosure<ApplyResult>) done).setResult(results.get(i));
        done.run(Status.OK());
      }
    }
  }

  /**
   * Pins the state on this (the apply) thread and returns; the node's export thread writes the files and completes
   * {@code done}. jraft keeps {@code writer} open and starts no other save or install of this group until then.
   */
  @Override
  public void onSnapshotSave(SnapshotWriter writer, Closure done) {
    GroupSnapshots.Cut cut;
    try {
      cut = snapshots.cut();
    } catch (RuntimeException e) {
      LOG.error("snapshot of group {} failed", state.range().groupId(), e);
      done.run(new Status(RaftError.EIO, "snapshot failed: %s", e.getMessage()));
      return;
    }
    pending = exports.submit(new Export(cut, writer, done));
  }

  /** The group stops (removed from the node or the node closes): its export, if still queued, must not wait. */
  @Override
  public void onShutdown() {
    SnapshotExports.Pending p = pending;
    if (p != null && p.cancel(new Status(RaftError.ESHUTDOWN, "snapshot export cancelled: group stopped"))) {
      LOG.info("group {}: queued snapshot export cancelled, the group stopped", state.range().groupId());
    }
  }

  private final class Export implements SnapshotExports.Export {
    private final GroupSnapshots.Cut cut;
    private final SnapshotWriter writer;
    private final Closure done;

    Export(GroupSnapshots.Cut cut, SnapshotWriter writer, Closure done) {
      this.cut = cut;
      this.writer = writer;
      this.done = done;
    }

    @Override
    public void run() {
      Status result = new Status(RaftError.EIO, "snapshot failed");
      try {
        for (String file : snapshots.write(cut, Path.of(writer.getPath()))) {
          if (!writer.addFile(file)) {
            throw new IllegalStateException("snapshot writer refused " + file);
          }
        }
        result = Status.OK();
      } catch (RuntimeException e) {
        LOG.error("snapshot of group {} failed", state.range().groupId(), e);
        result = new Status(RaftError.EIO, "snapshot failed: %s", e.getMessage());
      } finally {
        finish(result);
      }
    }

    @Override
    public void cancel(Status why) {
      finish(why);
    }

    /**
     * Releases the cut, then reports to jraft whatever happened: until {@code done} runs, jraft neither truncates
     * this group's log nor lets it install a snapshot, and a stopping replica waits for it.
     */
    private void finish(Status status) {
      try {
        cut.close();
      } finally {
        done.run(status);
      }
    }
  }

  @Override
  public boolean onSnapshotLoad(SnapshotReader reader) {
    long index = reader.load().getLastIncludedIndex();
    try {
      snapshots.load(Path.of(reader.getPath()), index);
      return true;
    } catch (RuntimeException e) {
      LOG.error("loading snapshot {} of group {} failed", index, state.range().groupId(), e);
      return false;
    }
  }

  @Override
  public void onLeaderStart(long term) {
    leaderTerm = term;
    observer.leaderChanged(groupName(), true);
  }

  @Override
  public void onStartFollowing(LeaderChangeContext ctx) {
    observer.leaderChanged(groupName(), false);
  }

  @Override
  public void onLeaderStop(Status status) {
    leaderTerm = -1;
  }
}
