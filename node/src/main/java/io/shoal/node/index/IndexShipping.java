package io.shoal.node.index;

import com.google.protobuf.ByteString;
import io.shoal.core.hlc.HybridClock;
import io.shoal.core.index.IndexChanges;
import io.shoal.core.index.IndexKeys;
import io.shoal.core.index.Projection;
import io.shoal.node.group.IndexApply;
import io.shoal.node.group.RangeQuery;
import io.shoal.node.group.RangeReader;
import io.shoal.node.raft.DataReplica;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.IndexEntryOp;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.IndexProgress;
import io.shoal.proto.IndexProgressCommand;
import io.shoal.proto.IndexWriteCommand;
import io.shoal.proto.Item;
import io.shoal.proto.TableInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Carries one GSI out of one base group while this node leads it, for one leader term. Each {@link #step} does a
 * bounded amount of work:
 *
 * <ol>
 *   <li>once per term, a ReadIndex barrier, so everything earlier leaders committed (and may have shipped) is
 *       applied here before we look at our position;
 *   <li>no recorded progress: propose BACKFILL_STARTED, which records the group's last change-log sequence S0;
 *   <li>backfilling: scan the table's items in the group's range, a page per step, and ship them as backfill puts;
 *       at the end propose SHIPPED(S0). The scan need not be a consistent cut: replaying the log from S0 afterwards
 *       brings every entry to its latest state, including deletes the scan could not see;
 *   <li>shipped through P: read the change log after P, turn the table's records into entry ops, ship them as one
 *       log batch per window, and record the position now and then (SHIPPED(P')).
 * </ol>
 */
final class IndexShipping {
  static final int PAGE = 256;
  static final long RECORD_EVERY_MS = 1000;

  private final DataReplica replica;
  private final TableInfo table;
  private final IndexInfo index;
  private final IndexKeys.TableKeys tableKeys;
  private final IndexTargets targets;
  private final LongSupplier millis;
  private final long term;
  private boolean barrierPassed;
  private boolean deposed;
  private byte[] backfillCursor;
  private long position = -1;
  private long recordedPosition = -1;
  private long lastRecordMs;
  private volatile IndexProgress progress;

  IndexShipping(DataReplica replica, TableInfo table, IndexInfo index, IndexTargets targets, LongSupplier millis) {
    this.replica = replica;
    this.table = table;
    this.index = index;
    this.tableKeys = new IndexKeys.TableKeys(table.getHashKey(), table.getRangeKey());
    this.targets = targets;
    this.millis = millis;
    this.term = replica.leaderTerm();
    this.progress = IndexProgress.newBuilder().setGroupId(replica.groupId()).setIndexId(index.getId()).build();
  }

  long term() {
    return term;
  }

  boolean deposed() {
    return deposed;
  }

  IndexProgress progress() {
    return progress;
  }

  /** Does one bounded piece of work; returns true when there may be more to do right away. */
  boolean step() throws Exception {
    if (deposed) {
      return false;
    }
    if (!barrierPassed) {
      replica.readBarrier().get(5, TimeUnit.SECONDS);
      barrierPassed = true;
    }
    Optional<IndexApply.Progress> recorded = replica.state().indexProgress(index.getId());
    if (recorded.isEmpty()) {
      propose(IndexProgressCommand.Phase.BACKFILL_STARTED, 0);
      return true;
    }
    if (!recorded.get().shipped()) {
      return backfillPage(recorded.get().seq());
    }
    if (position < 0) {
      position = recorded.get().seq();
      recordedPosition = position;
    }
    return shipLog();
  }

  private boolean backfillPage(long startSeq) throws Exception {
    RangeReader.Result page = replica.state().readRange(new RangeQuery(table.getId(), null, null, false, null, false,
        false, backfillCursor, null, null, PAGE, 0));
    IndexWriteCommand.Builder batch = batch(true);
    for (RangeReader.Row row : page.rows()) {
      Item item = row.version().getItem();
      byte[] key = IndexKeys.entryKey(index, item, row.itemKey());
      if (key != null) {
        batch.addOps(IndexEntryOp.newBuilder().setSeq(row.version().getSeq()).setKey(ByteString.copyFrom(key))
            .setItem(Projection.project(index, tableKeys, item)).setHlc(row.version().getHlc()));
      }
    }
    if (!ship(batch.build())) {
      return false;
    }
    if (page.truncated()) {
      backfillCursor = page.rows().get(page.rows().size() - 1).itemKey();
      report(false, replica.state().lastSeq() - startSeq, 0);
      return true;
    }
    propose(IndexProgressCommand.Phase.SHIPPED, startSeq);
    position = startSeq;
    recordedPosition = startSeq;
    lastRecordMs = millis.getAsLong();
    return true;
  }

  private boolean shipLog() throws Exception {
    long last = replica.state().lastSeq();
    if (position >= last) {
      report(true, 0, 0);
      maybeRecord(true);
      return false;
    }
    List<ChangeRecord> records = replica.state().changes(position + 1, PAGE);
    if (records.isEmpty()) {
      return false;
    }
    IndexWriteCommand.Builder batch = batch(false);
    long oldestMs = 0;
    for (ChangeRecord r : records) {
      if (r.getTableId() != table.getId() || r.getKind() == ChangeRecord.Kind.DROP_TABLE) {
        continue;
      }
      if (oldestMs == 0) {
        oldestMs = HybridClock.physicalMillis(r.getHlc());
      }
      Item old = r.hasOldImage() ? r.getOldImage() : null;
      Item neu = r.getKind() == ChangeRecord.Kind.PUT ? r.getNewImage() : null;
      for (IndexChanges.Change c : IndexChanges.of(index, tableKeys, r.getKey().toByteArray(), old, neu)) {
        IndexEntryOp.Builder op = IndexEntryOp.newBuilder().setSeq(r.getSeq()).setKey(ByteString.copyFrom(c.key()))
            .setHlc(r.getHlc());
        if (c.isDelete()) {
          op.setDelete(true);
        } else {
          op.setItem(c.item());
        }
        batch.addOps(op);
      }
    }
    long toSeq = records.get(records.size() - 1).getSeq();
    report(true, last - position, oldestMs == 0 ? 0 : Math.max(0, millis.getAsLong() - oldestMs));
    if (!ship(batch.setToSeq(toSeq).build())) {
      return false;
    }
    position = toSeq;
    maybeRecord(false);
    return true;
  }

  /** Records the shipped position in the group now and then, so a new leader need not re-send much. */
  private void maybeRecord(boolean idle) throws Exception {
    long now = millis.getAsLong();
    if (position > recordedPosition && (idle || now - lastRecordMs >= RECORD_EVERY_MS)) {
      propose(IndexProgressCommand.Phase.SHIPPED, position);
      recordedPosition = position;
      lastRecordMs = now;
    }
  }

  private IndexWriteCommand.Builder batch(boolean backfill) {
    return IndexWriteCommand.newBuilder().setSourceGroup(replica.groupId()).setIndexId(index.getId())
        .setSourceTerm(term).setBackfill(backfill);
  }

  private boolean ship(IndexWriteCommand batch) {
    if (batch.getOpsCount() == 0 && batch.getBackfill()) {
      return true;
    }
    IndexTargets.Outcome out = targets.ship(batch);
    if (out.deposed()) {
      deposed = true;
    }
    return out.ok();
  }

  private void propose(IndexProgressCommand.Phase phase, long seq) throws Exception {
    DataCommand cmd = DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(replica.state().lastHlc())
        .setIndexProgress(IndexProgressCommand.newBuilder().setIndexId(index.getId()).setPhase(phase).setSeq(seq))
        .build();
    replica.propose(cmd).get(5, TimeUnit.SECONDS);
  }

  private void report(boolean backfilled, long recordsBehind, long millisBehind) {
    progress = IndexProgress.newBuilder().setGroupId(replica.groupId()).setIndexId(index.getId())
        .setBackfilled(backfilled).setRecordsBehind(recordsBehind).setMillisBehind(millisBehind).build();
  }
}
