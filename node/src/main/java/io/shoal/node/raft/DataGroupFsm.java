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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds a data group's committed entries to its {@link GroupStateMachine} and moves its snapshots. */
final class DataGroupFsm extends StateMachineAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DataGroupFsm.class);

  private final GroupStateMachine state;
  private final GroupSnapshots snapshots;
  private final RaftObserver observer;
  private volatile long leaderTerm = -1;

  DataGroupFsm(GroupStateMachine state, RocksStorageEngine engine, RaftObserver observer) {
    this.state = state;
    this.snapshots = new GroupSnapshots(state, engine);
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

  @Override
  public void onSnapshotSave(SnapshotWriter writer, Closure done) {
    try {
      for (String file : snapshots.save(java.nio.file.Path.of(writer.getPath()))) {
        writer.addFile(file);
      }
      done.run(Status.OK());
    } catch (RuntimeException e) {
      LOG.error("snapshot of group {} failed", state.range().groupId(), e);
      done.run(new Status(RaftError.EIO, "snapshot failed: %s", e.getMessage()));
    }
  }

  @Override
  public boolean onSnapshotLoad(SnapshotReader reader) {
    long index = reader.load().getLastIncludedIndex();
    try {
      snapshots.load(java.nio.file.Path.of(reader.getPath()), index);
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
