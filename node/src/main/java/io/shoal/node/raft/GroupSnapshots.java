package io.shoal.node.raft;

import io.shoal.node.group.GroupRange;
import io.shoal.node.group.GroupStateMachine;
import io.shoal.node.storage.DataKeys;
import io.shoal.node.storage.KeyRange;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.node.storage.Space;
import io.shoal.node.storage.SstRanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.rocksdb.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data group's Raft snapshot: its items, change log and bookkeeping exported as SST files at a consistent cut.
 *
 * <p>Saving is split in two: {@link #cut} on the apply thread pins the state, {@link #write} exports it later on the
 * node's {@link SnapshotExports} thread, so applying writes never waits on snapshot I/O.
 *
 * <p>Installing one writes the bookkeeping (which holds the applied index) last: a crash part-way leaves the old
 * applied index, so the next start sees the snapshot as newer than local state and installs it again.
 */
final class GroupSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(GroupSnapshots.class);
  private static final String ITEMS = "items.sst";
  private static final String CHANGES = "changelog.sst";
  private static final String META = "groupmeta.sst";

  private final GroupStateMachine state;
  private final RocksStorageEngine engine;
  private final java.util.concurrent.atomic.AtomicLong installs = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong saves = new java.util.concurrent.atomic.AtomicLong();

  /** Snapshots installed over local state since start (a lagging or new replica catching up). */
  long installs() {
    return installs.get();
  }

  long saves() {
    return saves.get();
  }

  GroupSnapshots(GroupStateMachine state, RocksStorageEngine engine) {
    this.state = state;
    this.engine = engine;
  }

  /**
   * The state at the current applied index, to export later. Runs on the apply thread, between two applies, so the
   * RocksDB snapshot holds exactly the state jraft records as the snapshot's index. Cheap: no I/O.
   */
  Cut cut() {
    // The tables and range are read here too: the state machine's set moves on with later applies.
    Set<Long> tables = state.tablesSeen();
    return new Cut(engine, engine.db().getSnapshot(), itemRanges(tables), groupRange());
  }

  /** Writes the cut's SST files into {@code dir}; may run on any thread. Does not release the cut. */
  List<String> write(Cut cut, Path dir) {
    List<String> files = new ArrayList<>();
    if (SstRanges.export(engine, Space.ITEMS, cut.itemRanges, cut.snapshot, dir.resolve(ITEMS))) {
      files.add(ITEMS);
    }
    if (SstRanges.export(engine, Space.CHANGELOG, List.of(cut.groupRange), cut.snapshot, dir.resolve(CHANGES))) {
      files.add(CHANGES);
    }
    if (SstRanges.export(engine, Space.GROUP_META, List.of(cut.groupRange), cut.snapshot, dir.resolve(META))) {
      files.add(META);
    }
    saves.incrementAndGet();
    return files;
  }

  /** A consistent cut of one group: a RocksDB snapshot plus the key ranges to export from it. Close exactly once. */
  static final class Cut implements AutoCloseable {
    private final RocksStorageEngine engine;
    private final Snapshot snapshot;
    private final List<KeyRange> itemRanges;
    private final KeyRange groupRange;

    private Cut(RocksStorageEngine engine, Snapshot snapshot, List<KeyRange> itemRanges, KeyRange groupRange) {
      this.engine = engine;
      this.snapshot = snapshot;
      this.itemRanges = itemRanges;
      this.groupRange = groupRange;
    }

    /** Lets RocksDB drop the versions the cut pinned; the store must still be open. */
    @Override
    public void close() {
      engine.db().releaseSnapshot(snapshot);
    }
  }

  void load(Path dir, long snapshotIndex) {
    if (state.appliedIndex() >= snapshotIndex) {
      // Our own store is already at or past the snapshot (normal restart): keep it, replay the log after it.
      LOG.info("group {}: local state at {} is not behind snapshot {}, keeping it", state.range().groupId(),
          state.appliedIndex(), snapshotIndex);
      return;
    }
    LOG.info("group {}: installing snapshot {} over local state at {}", state.range().groupId(), snapshotIndex,
        state.appliedIndex());
    Path meta = dir.resolve(META);
    TreeSet<Long> tables = new TreeSet<>(state.tablesSeen());
    if (Files.exists(meta)) {
      for (byte[][] kv : SstRanges.readAll(meta)) {
        if (kv[0].length == 13 && kv[0][4] == DataKeys.TAG_TABLE_SEEN) {
          tables.add(DataKeys.tableIdOfMetaKey(kv[0]));
        }
      }
    }
    SstRanges.deleteRanges(engine, Space.ITEMS, itemRanges(tables));
    SstRanges.deleteRanges(engine, Space.CHANGELOG, List.of(groupRange()));
    ingestIfPresent(Space.ITEMS, dir.resolve(ITEMS));
    ingestIfPresent(Space.CHANGELOG, dir.resolve(CHANGES));
    SstRanges.deleteRanges(engine, Space.GROUP_META, List.of(groupRange()));
    ingestIfPresent(Space.GROUP_META, meta);
    state.reload();
    installs.incrementAndGet();
  }

  private void ingestIfPresent(Space space, Path file) {
    if (Files.exists(file)) {
      SstRanges.ingest(engine, space, file);
    }
  }

  private List<KeyRange> itemRanges(java.util.Collection<Long> tables) {
    GroupRange r = state.range();
    List<KeyRange> ranges = new ArrayList<>();
    for (long t : new TreeSet<>(tables)) {
      ranges.add(new KeyRange(DataKeys.itemRangeStart(t, r.start()), DataKeys.itemRangeEnd(t, r.end())));
    }
    return ranges;
  }

  private KeyRange groupRange() {
    int g = state.range().groupId();
    return new KeyRange(DataKeys.groupStart(g), DataKeys.groupEnd(g));
  }
}
