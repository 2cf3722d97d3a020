package io.shoal.node.index;

import io.shoal.proto.IndexInfo;
import io.shoal.proto.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables with global secondary indexes, as the metadata leader last listed them in a heartbeat answer. Soft
 * state: index definitions never change once created, so a slightly stale list only delays a new index's backfill
 * or leaves a deleted one shipped a little longer (its entries are dropped anyway).
 */
public final class IndexCatalog {
  /** One GSI and its base table. */
  public record Gsi(TableInfo table, IndexInfo index) {}

  private volatile List<Gsi> gsis = List.of();

  public void update(List<TableInfo> tables) {
    List<Gsi> out = new ArrayList<>();
    for (TableInfo t : tables) {
      for (IndexInfo i : t.getIndexesList()) {
        if (i.getKind() == IndexInfo.Kind.GLOBAL) {
          out.add(new Gsi(t, i));
        }
      }
    }
    gsis = List.copyOf(out);
  }

  public List<Gsi> gsis() {
    return gsis;
  }
}
