package io.shoal.node.group;

import io.shoal.proto.TrimChangeLogCommand;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which change-log records a group still needs. Today the only consumers are GSI shippers: a GSI whose backfill
 * started at S, or that has shipped through S, reads the records after S. Records below the first one any live
 * GSI needs are dead weight: without trimming the log grew by every write forever, and every Raft snapshot copied
 * all of it (65-86 MB per group per 5 minutes in the put benchmark). Streams and Global Tables will add their own
 * positions and a retention window through the proposer's bound.
 *
 * <p>Pure and fed only replicated state plus the command, so every replica trims the same records.
 */
public final class ChangeLogRetention {
  private ChangeLogRetention() {}

  /**
   * The first seq to keep: at most the command's bound and one past the last record, and never past a record a
   * GSI still needs. A GSI counts unless the command says it was deleted: listed ids are live; an id at or above
   * {@code ids_below} was created after the proposer's listing, so it counts too.
   */
  public static long firstKept(TrimChangeLogCommand cmd, long lastSeq, Map<Long, IndexApply.Progress> progress) {
    long keep = Math.min(cmd.getBelowSeq(), lastSeq + 1);
    Set<Long> live = new HashSet<>(cmd.getLiveIndexIdsList());
    for (Map.Entry<Long, IndexApply.Progress> e : progress.entrySet()) {
      long id = e.getKey();
      if (live.contains(id) || id >= cmd.getIdsBelow()) {
        keep = Math.min(keep, e.getValue().seq() + 1);
      }
    }
    return keep;
  }
}
