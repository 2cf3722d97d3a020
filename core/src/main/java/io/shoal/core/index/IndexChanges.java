package io.shoal.core.index;

import io.shoal.proto.IndexInfo;
import io.shoal.proto.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The entry changes one base write causes in one index: remove the old entry if it moved, write the new one. */
public final class IndexChanges {
  private IndexChanges() {}

  /** Writes {@code item} at {@code key}, or deletes the entry at {@code key} when {@code item} is null. */
  public record Change(byte[] key, Item item) {
    public boolean isDelete() {
      return item == null;
    }
  }

  /**
   * @param oldImage the item before the write, null when it did not exist
   * @param newImage the item after the write, null when it was deleted
   */
  public static List<Change> of(IndexInfo index, IndexKeys.TableKeys table, byte[] baseItemKey, Item oldImage,
      Item newImage) {
    byte[] oldKey = oldImage == null ? null : IndexKeys.entryKey(index, oldImage, baseItemKey);
    byte[] newKey = newImage == null ? null : IndexKeys.entryKey(index, newImage, baseItemKey);
    List<Change> out = new ArrayList<>(2);
    if (oldKey != null && (newKey == null || !Arrays.equals(oldKey, newKey))) {
      out.add(new Change(oldKey, null));
    }
    if (newKey != null) {
      Item projected = Projection.project(index, table, newImage);
      // An unchanged projection at an unchanged key needs no write (KEYS_ONLY/INCLUDE indexes skip most updates).
      boolean same = oldKey != null && Arrays.equals(oldKey, newKey)
          && Projection.project(index, table, oldImage).equals(projected);
      if (!same) {
        out.add(new Change(newKey, projected));
      }
    }
    return out;
  }
}
