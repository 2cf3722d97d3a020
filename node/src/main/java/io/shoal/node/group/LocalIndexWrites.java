package io.shoal.node.group;

import io.shoal.core.index.IndexChanges;
import io.shoal.core.index.IndexKeys;
import io.shoal.node.storage.DataKeys;
import io.shoal.node.storage.Space;
import io.shoal.node.storage.StorageEngine;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;
import io.shoal.proto.WriteIndexes;
import java.util.function.LongConsumer;

/**
 * Keeps a base write's local secondary indexes in step: their entries are hashed like the base item, so they live in
 * this group and change in the same atomic batch as the item, and a strongly consistent read of an LSI sees exactly
 * the committed base items.
 */
final class LocalIndexWrites {
  static final byte TAG_COLLECTION = 'c';

  private LocalIndexWrites() {}

  static boolean hasLocal(WriteIndexes indexes) {
    return indexes.getIndexesList().stream().anyMatch(i -> i.getKind() == IndexInfo.Kind.LOCAL);
  }

  /**
   * What an item adds to its item collection: its own DynamoDB size plus its LSI entries' (DynamoDB counts both
   * toward the 10 GB item collection limit); 0 for no item.
   */
  static long collectionShare(WriteIndexes indexes, byte[] itemKey, Item item) {
    if (item == null) {
      return 0;
    }
    IndexKeys.TableKeys table = new IndexKeys.TableKeys(indexes.getTableHashKey(), indexes.getTableRangeKey());
    long size = io.shoal.core.item.ItemSize.of(item);
    for (IndexInfo index : indexes.getIndexesList()) {
      if (index.getKind() == IndexInfo.Kind.LOCAL && IndexKeys.entryKey(index, item, itemKey) != null) {
        size += io.shoal.core.item.ItemSize.of(io.shoal.core.index.Projection.project(index, table, item));
      }
    }
    return size;
  }

  static void apply(WriteIndexes indexes, long hash, byte[] itemKey, Item oldItem, Item newItem, long hlc,
      String origin, long seq, StorageEngine.Batch batch, LongConsumer markSeen) {
    IndexKeys.TableKeys table = new IndexKeys.TableKeys(indexes.getTableHashKey(), indexes.getTableRangeKey());
    for (IndexInfo index : indexes.getIndexesList()) {
      if (index.getKind() != IndexInfo.Kind.LOCAL) {
        continue;
      }
      for (IndexChanges.Change c : IndexChanges.of(index, table, itemKey, oldItem, newItem)) {
        byte[] storageKey = DataKeys.itemKey(index.getId(), hash, c.key());
        if (c.isDelete()) {
          batch.delete(Space.ITEMS, storageKey);
        } else {
          markSeen.accept(index.getId());
          batch.put(Space.ITEMS, storageKey, ItemVersion.newBuilder().setItem(c.item()).setHlc(hlc).setOrigin(origin)
              .setSeq(seq).build().toByteArray());
        }
      }
    }
  }
}
