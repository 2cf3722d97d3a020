package io.shoal.node.group;

import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.node.storage.DataKeys;
import io.shoal.node.storage.Space;
import io.shoal.node.storage.StorageEngine;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.IndexEntryOp;
import io.shoal.proto.IndexProgressCommand;
import io.shoal.proto.IndexWriteCommand;
import io.shoal.proto.ItemVersion;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The GSI side of a group's state machine: applying shipped entry batches (as an index group) and recording how far
 * this group has shipped each GSI (as a base group). Both are replicated bookkeeping in GROUP_META:
 *
 * <pre>
 * groupId | 'w' | sourceGroup(4) | indexId(8)  ->  term(8) | hwm(8)      per source group and index, as a target
 * groupId | 'p' | indexId(8)                   ->  phase(1) | seq(8)     per index, as a source
 * </pre>
 *
 * <p>The high-water mark makes a log batch idempotent (ops at or below it are skipped, so a shipper that restarts
 * from its last recorded position re-sends harmlessly), and the term fence refuses batches from a source leader
 * older than one already heard from, so a deposed leader's late batch cannot overwrite its successor's work.
 */
public final class IndexApply {
  static final byte TAG_SOURCE = 'w';
  static final byte TAG_PROGRESS = 'p';

  /** How far this group has shipped one GSI: backfilling from {@code seq}, or shipped through {@code seq}. */
  public record Progress(boolean shipped, long seq) {}

  private record Source(long term, long hwm) {}

  private final GroupRange range;
  private final StorageEngine engine;
  private final Map<ByteBuffer, Source> sources = new ConcurrentHashMap<>();
  private final Map<Long, Progress> progress = new ConcurrentHashMap<>();

  IndexApply(GroupRange range, StorageEngine engine) {
    this.range = range;
    this.engine = engine;
  }

  void reload() {
    sources.clear();
    progress.clear();
    int g = range.groupId();
    engine.scan(Space.GROUP_META, DataKeys.metaKey(g, TAG_PROGRESS), DataKeys.tableMetaPrefixEnd(g, TAG_PROGRESS),
        (k, v) -> {
          ByteBuffer b = ByteBuffer.wrap(v);
          progress.put(DataKeys.tableIdOfMetaKey(k), new Progress(b.get() == 1, b.getLong()));
          return true;
        });
  }

  Optional<Progress> progress(long indexId) {
    return Optional.ofNullable(progress.get(indexId));
  }

  Map<Long, Progress> allProgress() {
    return Map.copyOf(progress);
  }

  /** @param markSeen records that this group now holds entries under the index id (for snapshots and stats) */
  ApplyResult applyWrite(IndexWriteCommand c, long seq, StorageEngine.Batch batch, LongConsumer markSeen) {
    for (IndexEntryOp op : c.getOpsList()) {
      long hash = PartitionHash.hash(c.getIndexId(), KeyCodec.pkOf(op.getKey().toByteArray()));
      if (!range.contains(hash)) {
        return ApplyResult.failed(ErrorCode.EPOCH_MISMATCH,
            "index entry is outside group " + range.groupId() + "'s range");
      }
    }
    byte[] stateKey = sourceKey(c.getSourceGroup(), c.getIndexId());
    Source s = source(stateKey);
    if (c.getSourceTerm() < s.term()) {
      return ApplyResult.failed(ErrorCode.EPOCH_MISMATCH, "index batch from source term " + c.getSourceTerm()
          + " after term " + s.term() + " was heard from");
    }
    int applied = 0;
    for (IndexEntryOp op : c.getOpsList()) {
      if (!c.getBackfill() && op.getSeq() <= s.hwm()) {
        continue;
      }
      byte[] key = op.getKey().toByteArray();
      byte[] storageKey = DataKeys.itemKey(c.getIndexId(), PartitionHash.hash(c.getIndexId(), KeyCodec.pkOf(key)), key);
      if (op.getDelete()) {
        batch.delete(Space.ITEMS, storageKey);
      } else {
        batch.put(Space.ITEMS, storageKey, ItemVersion.newBuilder().setItem(op.getItem()).setHlc(op.getHlc())
            .setSeq(op.getSeq()).build().toByteArray());
      }
      applied++;
    }
    if (applied > 0) {
      markSeen.accept(c.getIndexId());
    }
    long hwm = c.getBackfill() ? s.hwm() : Math.max(s.hwm(), c.getToSeq());
    Source next = new Source(Math.max(s.term(), c.getSourceTerm()), hwm);
    if (!next.equals(s)) {
      batch.put(Space.GROUP_META, stateKey, ByteBuffer.allocate(16).putLong(next.term()).putLong(next.hwm()).array());
      sources.put(ByteBuffer.wrap(stateKey), next);
    }
    // Index entries are not base writes: the group's change-log sequence is unchanged.
    return ApplyResult.ok(seq);
  }

  ApplyResult applyProgress(IndexProgressCommand c, long lastSeq, StorageEngine.Batch batch) {
    Progress old = progress.get(c.getIndexId());
    Progress next;
    switch (c.getPhase()) {
      case BACKFILL_STARTED:
        // The first start wins: the log is replayed from there, which covers any later restart of the backfill.
        next = old != null ? old : new Progress(false, lastSeq);
        break;
      case SHIPPED:
        next = old == null ? null : new Progress(true, Math.max(old.shipped() ? old.seq() : 0, c.getSeq()));
        break;
      default:
        next = old;
    }
    if (next != null && !next.equals(old)) {
      batch.put(Space.GROUP_META, DataKeys.tableMetaKey(range.groupId(), TAG_PROGRESS, c.getIndexId()),
          ByteBuffer.allocate(9).put((byte) (next.shipped() ? 1 : 0)).putLong(next.seq()).array());
      progress.put(c.getIndexId(), next);
    }
    return ApplyResult.ok(lastSeq);
  }

  private Source source(byte[] stateKey) {
    return sources.computeIfAbsent(ByteBuffer.wrap(stateKey), k -> {
      byte[] v = engine.get(Space.GROUP_META, stateKey);
      if (v == null) {
        return new Source(0, 0);
      }
      ByteBuffer b = ByteBuffer.wrap(v);
      return new Source(b.getLong(), b.getLong());
    });
  }

  private byte[] sourceKey(int sourceGroup, long indexId) {
    return ByteBuffer.allocate(17).putInt(range.groupId()).put(TAG_SOURCE).putInt(sourceGroup).putLong(indexId)
        .array();
  }
}
