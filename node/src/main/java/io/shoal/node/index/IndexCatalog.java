package io.shoal.node.index;

import io.shoal.proto.IndexInfo;
import io.shoal.proto.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables with global secondary indexes, as the metadata leader last listed them in a heartbeat answer. Soft
 * state: index definitions never change once created, so a slightly stale list only delays a new index's backfill
 * or leaves a deleted one shipped a little longer (its entries are dropped anyway).
 */
public final class IndexCatalog {
  /** One GSI and its base table. */
  public record Gsi(TableInfo table, IndexInfo index) {}

  /**
   * One heartbeat answer's GSIs and the catalog's id counter at that moment: a GSI id below {@code idsBelow} that
   * is not listed was deleted. Zero before the first answer, so that nothing counts as deleted.
   */
  public record Listing(List<Gsi> gsis, long idsBelow) {
    public Set<Long> indexIds() {
      Set<Long> ids = new TreeSet<>();
      for (Gsi g : gsis) {
        ids.add(g.index().getId());
      }
      return ids;
    }
  }

  private volatile Listing listing = new Listing(List.of(), 0);

  public void update(List<TableInfo> tables, long nextTableId) {
    List<Gsi> out = new ArrayList<>();
    for (TableInfo t : tables) {
      for (IndexInfo i : t.getIndexesList()) {
        if (i.getKind() == IndexInfo.Kind.GLOBAL) {
          out.add(new Gsi(t, i));
        }
      }
    }
    listing = new Listing(List.copyOf(out), nextTableId);
  }

  public List<Gsi> gsis() {
    return listing.gsis();
  }

  /** The GSIs and id counter of one answer, read together. */
  public Listing listing() {
    return listing;
  }
}
