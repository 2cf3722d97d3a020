package io.shoal.node.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.core.index.IndexKeyCheck;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.node.storage.DataKeys;
import io.shoal.node.storage.Space;
import io.shoal.node.storage.StorageEngine;
import io.shoal.node.storage.StorageException;
import io.shoal.proto.ChangeRecord;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a data group's committed commands. Deterministic: the same commands in the same order give the same store
 * contents on every replica. Entries at or below the persisted applied index are skipped, so replaying the Raft log
 * after a restart never applies anything twice.
 *
 * <p>Not thread-safe for writes: only the Raft apply thread calls {@link #apply}; reads may run concurrently.
 */
public final class GroupStateMachine {
  private final GroupRange range;
  private final StorageEngine engine;
  private volatile long appliedIndex;
  private long lastSeq;
  private volatile long lastHlc;
  /** Records below this seq were trimmed (see {@link ChangeLogRetention}). */
  private volatile long logStart;
  private final Set<Long> tablesSeen = new HashSet<>();
  private final Set<Long> tablesDropped = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final WriteExpressions expressions = new WriteExpressions();
  private final IndexApply indexes;
  /** Item collection sizes written earlier in the batch being applied (apply thread only). */
  private final Map<ByteBuffer, Long> collectionsPending = new HashMap<>();

  public GroupStateMachine(GroupRange range, StorageEngine engine) {
    this.range = range;
    this.engine = engine;
    this.indexes = new IndexApply(range, engine);
    reload();
  }

  /** Re-reads the group's bookkeeping from the store (after start or after a snapshot was installed). */
  public synchronized void reload() {
    int g = range.groupId();
    appliedIndex = DataKeys.longOf(engine.get(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_APPLIED_INDEX)));
    lastSeq = DataKeys.longOf(engine.get(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_LAST_SEQ)));
    lastHlc = DataKeys.longOf(engine.get(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_LAST_HLC)));
    logStart = DataKeys.longOf(engine.get(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_LOG_START)));
    tablesSeen.clear();
    tablesDropped.clear();
    tablesSeen.addAll(tableSet(DataKeys.TAG_TABLE_SEEN));
    tablesDropped.addAll(tableSet(DataKeys.TAG_TABLE_DROPPED));
    indexes.reload();
  }

  /** How far this group has shipped a GSI (see {@link IndexApply}); empty before its backfill started. */
  public Optional<IndexApply.Progress> indexProgress(long indexId) {
    return indexes.progress(indexId);
  }

  private List<Long> tableSet(byte tag) {
    List<Long> ids = new ArrayList<>();
    int g = range.groupId();
    engine.scan(Space.GROUP_META, DataKeys.tableMetaKey(g, tag, 0), DataKeys.tableMetaPrefixEnd(g, tag), (k, v) -> {
      ids.add(DataKeys.tableIdOfMetaKey(k));
      return true;
    });
    return ids;
  }

  public GroupRange range() {
    return range;
  }

  public long appliedIndex() {
    return appliedIndex;
  }

  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** The first seq the change log may still hold: every record below it was trimmed. */
  public long logStart() {
    return logStart;
  }

  /** Shipping positions of every GSI with one in this group (see {@link ChangeLogRetention}). */
  public Map<Long, IndexApply.Progress> allIndexProgress() {
    return indexes.allProgress();
  }

  /** Commit timestamp of the last applied command; a new leader's clock must move past it. */
  public long lastHlc() {
    return lastHlc;
  }

  public synchronized Set<Long> tablesSeen() {
    return Set.copyOf(tablesSeen);
  }

  public boolean isDropped(long tableId) {
    return tablesDropped.contains(tableId);
  }

  /** A committed log entry; {@code command} is null for entries that carry no data command. */
  public record Entry(long index, DataCommand command) {}

  /** Applies entries in one atomic batch and returns one result per entry (null for skipped entries). */
  public synchronized List<ApplyResult> apply(List<Entry> entries) {
    List<ApplyResult> results = new ArrayList<>(entries.size());
    Map<ByteBuffer, Optional<StoredItem>> pending = new HashMap<>();
    collectionsPending.clear();
    long newApplied = appliedIndex;
    long seq = lastSeq;
    long hlc = lastHlc;
    try (StorageEngine.Batch batch = engine.newBatch()) {
      for (Entry e : entries) {
        if (e.index() <= newApplied) {
          results.add(null);
          continue;
        }
        newApplied = e.index();
        if (e.command() == null) {
          results.add(null);
          continue;
        }
        // Commit timestamps strictly increase in log order even if a new leader's clock is behind the old one's;
        // derived only from the log, so every replica computes the same value.
        hlc = Math.max(e.command().getHlc(), hlc + 1);
        DataCommand cmd = e.command().getHlc() == hlc ? e.command() : e.command().toBuilder().setHlc(hlc).build();
        ApplyResult r = applyOne(e.index(), cmd, seq, batch, pending);
        if (r.isOk() && r.seq() > seq) {
          seq = r.seq();
        }
        results.add(r);
      }
      int g = range.groupId();
      batch.put(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_APPLIED_INDEX), DataKeys.longValue(newApplied));
      batch.put(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_LAST_SEQ), DataKeys.longValue(seq));
      batch.put(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_LAST_HLC), DataKeys.longValue(hlc));
      engine.write(batch);
    }
    appliedIndex = newApplied;
    lastSeq = seq;
    lastHlc = hlc;
    return results;
  }

  private ApplyResult applyOne(long index, DataCommand cmd, long seq, StorageEngine.Batch batch,
      Map<ByteBuffer, Optional<StoredItem>> pending) {
    if (cmd.getVersion() != CommandVersion.V1) {
      // A replica must not guess at a command it cannot read: stop instead of diverging.
      throw new StorageException("unknown command version " + cmd.getVersionValue() + " at index " + index);
    }
    switch (cmd.getOpCase()) {
      case PUT:
        return applyWrite(index, cmd, cmd.getPut().getTableId(), cmd.getPut().getKey().toByteArray(),
            seq, batch, pending);
      case DELETE:
        return applyWrite(index, cmd, cmd.getDelete().getTableId(), cmd.getDelete().getKey().toByteArray(),
            seq, batch, pending);
      case UPDATE:
        return applyWrite(index, cmd, cmd.getUpdate().getTableId(), cmd.getUpdate().getKey().toByteArray(),
            seq, batch, pending);
      case DROP_TABLE:
        return applyDrop(index, cmd, seq, batch);
      case INDEX_WRITE:
        if (tablesDropped.contains(cmd.getIndexWrite().getIndexId())) {
          return ApplyResult.ok(seq); // a deleted GSI: late batches have nothing to update
        }
        return indexes.applyWrite(cmd.getIndexWrite(), seq, batch, id -> markSeen(id, batch));
      case INDEX_PROGRESS:
        return indexes.applyProgress(cmd.getIndexProgress(), seq, batch);
      case TRIM_CHANGE_LOG:
        return applyTrim(cmd.getTrimChangeLog(), seq, batch);
      default:
        throw new StorageException("command without operation at index " + index);
    }
  }

  /**
   * The item a command leaves behind, or null for a delete; null result with a failure set means "write nothing".
   */
  private record Decision(Item newItem, ApplyResult failure) {}

  /** Decodes {@code current} only for a condition or an update: a plain put or delete just replaces it. */
  private Decision decide(DataCommand cmd, StoredItem current) {
    io.shoal.proto.ExpressionSpec condition = null;
    switch (cmd.getOpCase()) {
      case PUT:
        condition = cmd.getPut().hasCondition() ? cmd.getPut().getCondition() : null;
        break;
      case DELETE:
        condition = cmd.getDelete().hasCondition() ? cmd.getDelete().getCondition() : null;
        break;
      default:
        condition = cmd.getUpdate().hasCondition() ? cmd.getUpdate().getCondition() : null;
    }
    try {
      if (condition != null && !expressions.conditionHolds(condition, current == null ? null : current.item())) {
        return new Decision(null, ApplyResult.conditionFailed(current));
      }
      switch (cmd.getOpCase()) {
        case PUT:
          return new Decision(cmd.getPut().getItem(), null);
        case DELETE:
          return new Decision(null, null);
        default:
          Item base = current != null ? current.item() : cmd.getUpdate().getKeyAttributes();
          Item updated = cmd.getUpdate().hasUpdate() ? expressions.update(cmd.getUpdate().getUpdate(), base) : base;
          if (io.shoal.core.item.ItemSize.of(updated) > io.shoal.core.item.ItemSize.MAX_BYTES) {
            // DynamoDB's UpdateItem text (seen in boto3 users' reports), distinct from PutItem's.
            return new Decision(null, ApplyResult.failed(ErrorCode.VALIDATION,
                "Item size to update has exceeded the maximum allowed size"));
          }
          return new Decision(updated, null);
      }
    } catch (IllegalArgumentException e) {
      // ExpressionException and InvalidNumberException: DynamoDB's ValidationException text; nothing is written.
      return new Decision(null, ApplyResult.failed(ErrorCode.VALIDATION, e.getMessage()));
    }
  }

  private ApplyResult applyWrite(long index, DataCommand cmd, long tableId, byte[] itemKey, long seq,
      StorageEngine.Batch batch, Map<ByteBuffer, Optional<StoredItem>> pending) {
    if (tablesDropped.contains(tableId)) {
      return ApplyResult.failed(ErrorCode.TABLE_NOT_FOUND, "table " + tableId + " was deleted");
    }
    long hash = PartitionHash.hash(tableId, KeyCodec.pkOf(itemKey));
    if (!range.contains(hash)) {
      return ApplyResult.failed(ErrorCode.EPOCH_MISMATCH, "key is outside group " + range.groupId() + "'s range");
    }
    byte[] storageKey = DataKeys.itemKey(tableId, hash, itemKey);
    ByteBuffer pendingKey = ByteBuffer.wrap(storageKey);
    StoredItem old = (pending.containsKey(pendingKey) ? pending.get(pendingKey) : readStoredItem(storageKey))
        .orElse(null);
    Decision decision = decide(cmd, old);
    if (decision.failure() != null) {
      return decision.failure();
    }
    Item newItem = decision.newItem();
    if (newItem != null && cmd.hasIndexes()) {
      String violation = IndexKeyCheck.violation(cmd.getIndexes().getIndexesList(), newItem);
      if (violation != null) {
        return ApplyResult.failed(ErrorCode.VALIDATION, violation);
      }
    }
    boolean local = cmd.hasIndexes() && LocalIndexWrites.hasLocal(cmd.getIndexes());
    Item oldItem = local && old != null ? old.item() : null;
    long collectionSize = 0;
    byte[] collectionKey = null;
    if (local) {
      collectionKey = collectionKey(tableId, KeyCodec.pkOf(itemKey));
      long delta = LocalIndexWrites.collectionShare(cmd.getIndexes(), itemKey, newItem)
          - LocalIndexWrites.collectionShare(cmd.getIndexes(), itemKey, oldItem);
      collectionSize = Math.max(0, collectionSize(collectionKey) + delta);
      long limit = cmd.getIndexes().getItemCollectionLimitBytes();
      if (limit > 0 && delta > 0 && collectionSize > limit) {
        return ApplyResult.failed(ErrorCode.ITEM_COLLECTION_LIMIT, "Collection size exceeded.");
      }
    }
    long newSeq = seq + 1;
    // The new item is encoded once, for both its stored version and the change record; the replaced item goes into
    // the record as the bytes that were stored.
    ByteString newBytes = newItem == null ? null : newItem.toByteString();
    if (newItem != null) {
      batch.put(Space.ITEMS, storageKey, StoredRecords.itemVersion(newBytes, cmd.getHlc(), cmd.getOrigin(), newSeq));
      pending.put(pendingKey, Optional.of(StoredItem.of(newItem, newBytes)));
    } else {
      batch.delete(Space.ITEMS, storageKey);
      pending.put(pendingKey, Optional.empty());
    }
    if (local) {
      LocalIndexWrites.apply(cmd.getIndexes(), hash, itemKey, oldItem, newItem, cmd.getHlc(), cmd.getOrigin(), newSeq,
          batch, id -> markSeen(id, batch));
    }
    if (collectionKey != null) {
      batch.put(Space.GROUP_META, collectionKey, DataKeys.longValue(collectionSize));
      collectionsPending.put(ByteBuffer.wrap(collectionKey), collectionSize);
    }
    markSeen(tableId, batch);
    ChangeRecord.Kind kind = newItem != null ? ChangeRecord.Kind.PUT : ChangeRecord.Kind.DELETE;
    batch.put(Space.CHANGELOG, DataKeys.changeKey(range.groupId(), newSeq), StoredRecords.changeRecord(newSeq, index,
        cmd.getHlc(), cmd.getOrigin(), tableId, itemKey, kind, old == null ? null : old.bytes(), newBytes));
    return ApplyResult.written(old, newItem, newSeq).withItemCollectionSize(collectionSize);
  }

  /** GROUP_META key of an item collection's size: groupId | 'c' | tableId | partition key bytes. */
  private byte[] collectionKey(long tableId, byte[] pk) {
    return ByteBuffer.allocate(13 + pk.length).putInt(range.groupId()).put(LocalIndexWrites.TAG_COLLECTION)
        .putLong(tableId).put(pk).array();
  }

  private long collectionSize(byte[] key) {
    Long pendingSize = collectionsPending.get(ByteBuffer.wrap(key));
    return pendingSize != null ? pendingSize : DataKeys.longOf(engine.get(Space.GROUP_META, key));
  }

  /** Records that this group holds keys of table (or index) {@code id}: snapshots and statistics cover it. */
  private void markSeen(long id, StorageEngine.Batch batch) {
    if (tablesSeen.add(id)) {
      batch.put(Space.GROUP_META, DataKeys.tableMetaKey(range.groupId(), DataKeys.TAG_TABLE_SEEN, id), new byte[0]);
    }
  }

  /** Deletes the records below {@link ChangeLogRetention#firstKept}; the log's start only moves forward. */
  private ApplyResult applyTrim(io.shoal.proto.TrimChangeLogCommand cmd, long seq, StorageEngine.Batch batch) {
    long keep = ChangeLogRetention.firstKept(cmd, seq, indexes.allProgress());
    if (keep > logStart) {
      int g = range.groupId();
      batch.deleteRange(Space.CHANGELOG, DataKeys.changeKey(g, logStart), DataKeys.changeKey(g, keep));
      batch.put(Space.GROUP_META, DataKeys.metaKey(g, DataKeys.TAG_LOG_START), DataKeys.longValue(keep));
      logStart = keep;
    }
    return ApplyResult.ok(seq);
  }

  private ApplyResult applyDrop(long index, DataCommand cmd, long seq, StorageEngine.Batch batch) {
    long tableId = cmd.getDropTable().getTableId();
    if (!tablesDropped.add(tableId)) {
      return ApplyResult.ok(seq);
    }
    int g = range.groupId();
    batch.deleteRange(Space.ITEMS, DataKeys.itemRangeStart(tableId, range.start()),
        DataKeys.itemRangeEnd(tableId, range.end()));
    batch.deleteRange(Space.GROUP_META, collectionKey(tableId, new byte[0]), collectionKey(tableId + 1, new byte[0]));
    batch.put(Space.GROUP_META, DataKeys.tableMetaKey(g, DataKeys.TAG_TABLE_DROPPED, tableId), new byte[0]);
    long newSeq = seq + 1;
    ChangeRecord change = ChangeRecord.newBuilder().setSeq(newSeq).setRaftIndex(index).setHlc(cmd.getHlc())
        .setOrigin(cmd.getOrigin()).setTableId(tableId).setKind(ChangeRecord.Kind.DROP_TABLE).build();
    batch.put(Space.CHANGELOG, DataKeys.changeKey(g, newSeq), change.toByteArray());
    return ApplyResult.ok(newSeq);
  }

  /**
   * Per-table item counts and sizes of this replica's data (see {@link TableTotalsScan}). Only the table sets are
   * copied under the lock; the scan itself runs without it.
   */
  public Map<Long, TableTotalsScan.Totals> tableTotals() {
    Set<Long> tables;
    synchronized (this) {
      tables = new java.util.TreeSet<>(tablesSeen);
      tables.removeAll(tablesDropped);
    }
    return TableTotalsScan.scan(range, engine, tables);
  }

  /** Ordered read of a Query or Scan range (see {@link RangeReader}). */
  public RangeReader.Result readRange(RangeQuery q) {
    return new RangeReader(range, engine).read(q);
  }

  /** Reads the latest applied version of an item, decoded (routers get {@link #readEncoded} instead). */
  public Optional<ItemVersion> read(long tableId, byte[] itemKey) {
    return readEncoded(tableId, itemKey).map(raw -> {
      try {
        return ItemVersion.parseFrom(raw);
      } catch (InvalidProtocolBufferException e) {
        throw new StorageException("corrupt item version", e);
      }
    });
  }

  /**
   * The latest applied version of an item as stored: the encoding of an {@code EncodedItemVersion}, which reads as
   * an {@code ItemVersion}. For answering a router without decoding the item.
   */
  public Optional<byte[]> readEncoded(long tableId, byte[] itemKey) {
    long hash = PartitionHash.hash(tableId, KeyCodec.pkOf(itemKey));
    return Optional.ofNullable(engine.get(Space.ITEMS, DataKeys.itemKey(tableId, hash, itemKey)));
  }

  private Optional<StoredItem> readStoredItem(byte[] storageKey) {
    byte[] raw = engine.get(Space.ITEMS, storageKey);
    return raw == null ? Optional.empty() : Optional.of(StoredItem.fromVersion(raw));
  }

  /** A read-only view of the replica's whole state, stable while the caller holds it (apply waits). */
  public interface View {
    long appliedIndex();

    long lastSeq();

    void forEachItem(java.util.function.BiConsumer<byte[], byte[]> visitor);

    void forEachChange(java.util.function.BiConsumer<byte[], byte[]> visitor);
  }

  /** Runs {@code f} with no apply in progress; for diagnostics and digests, not the request path. */
  public synchronized <T> T inspect(java.util.function.Function<View, T> f) {
    long applied = appliedIndex;
    long seq = lastSeq;
    java.util.TreeSet<Long> tables = new java.util.TreeSet<>(tablesSeen);
    return f.apply(new View() {
      @Override
      public long appliedIndex() {
        return applied;
      }

      @Override
      public long lastSeq() {
        return seq;
      }

      @Override
      public void forEachItem(java.util.function.BiConsumer<byte[], byte[]> visitor) {
        for (long t : tables) {
          engine.scan(Space.ITEMS, DataKeys.itemRangeStart(t, range.start()), DataKeys.itemRangeEnd(t, range.end()),
              (k, v) -> {
                visitor.accept(k, v);
                return true;
              });
        }
      }

      @Override
      public void forEachChange(java.util.function.BiConsumer<byte[], byte[]> visitor) {
        engine.scan(Space.CHANGELOG, DataKeys.groupStart(range.groupId()), DataKeys.groupEnd(range.groupId()),
            (k, v) -> {
              visitor.accept(k, v);
              return true;
            });
      }
    });
  }

  /** Change records with seq in [fromSeq, fromSeq+limit). */
  public List<ChangeRecord> changes(long fromSeq, int limit) {
    if (fromSeq < logStart) {
      // A reader that lost records would build wrong index entries in silence; the retention rule must prevent it.
      throw new StorageException("change log of group " + range.groupId() + " starts at " + logStart
          + ", records from " + fromSeq + " were asked for");
    }
    List<ChangeRecord> out = new ArrayList<>();
    engine.scan(Space.CHANGELOG, DataKeys.changeKey(range.groupId(), fromSeq), DataKeys.groupEnd(range.groupId()),
        (k, v) -> {
          try {
            out.add(ChangeRecord.parseFrom(v));
          } catch (InvalidProtocolBufferException e) {
            throw new StorageException("corrupt change record", e);
          }
          return out.size() < limit;
        });
    return out;
  }
}
