package io.shoal.admin.check;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The "no acknowledged write is lost" check for a grow-only set workload: every client adds elements nobody else
 * adds (distinct keys put once, or distinct members ADDed to one set), and after the faults heal one final,
 * strongly consistent read (a full consistent Scan, or a GetItem of the set) returns everything present.
 */
public final class SetChecker {
  private SetChecker() {}

  /**
   * The element an operation adds: the member of an ADD, or the key of any other write (the distinct-keys
   * workload puts each key once, and the final Scan returns keys).
   */
  public static String element(Op op) {
    return op.kind() == OpKind.ADD ? op.value() : op.key();
  }

  /**
   * @param adds every ADD (or put-of-a-new-key) operation, with its outcome; each element attempted at most once
   * @param finalRead the elements the final read returned, as returned (a repeated element is reported)
   */
  public static SetResult check(List<Op> adds, Collection<String> finalRead) {
    Map<String, Op> attempted = new HashMap<>();
    for (Op op : adds) {
      if (op.kind() == OpKind.GET || op.kind() == OpKind.DELETE) {
        throw new IllegalArgumentException("not an add: " + op.describe());
      }
      if (element(op) == null) {
        throw new IllegalArgumentException("an add without an element: " + op.describe());
      }
      Op previous = attempted.put(element(op), op);
      if (previous != null) {
        throw new IllegalArgumentException("element " + op.value() + " attempted twice, so the check cannot tell "
            + "which attempt landed: " + previous.describe() + " and " + op.describe());
      }
    }
    Map<String, Integer> seen = new TreeMap<>();
    for (String e : finalRead) {
      seen.merge(e, 1, Integer::sum);
    }
    SortedSet<String> lost = new TreeSet<>();
    SortedSet<String> unexpected = new TreeSet<>();
    SortedSet<String> failedButPresent = new TreeSet<>();
    SortedSet<String> recovered = new TreeSet<>();
    SortedSet<String> duplicates = new TreeSet<>();
    int acknowledged = 0;
    int infoAbsent = 0;
    for (Op op : attempted.values()) {
      String e = element(op);
      boolean present = seen.containsKey(e);
      switch (op.outcome()) {
        case OK -> {
          acknowledged++;
          if (!present) {
            lost.add(e);
          }
        }
        case FAIL -> {
          if (present) {
            failedButPresent.add(e);
          }
        }
        case INFO -> {
          if (present) {
            recovered.add(e);
          } else {
            infoAbsent++;
          }
        }
      }
    }
    seen.forEach((e, count) -> {
      if (!attempted.containsKey(e)) {
        unexpected.add(e);
      }
      if (count > 1) {
        duplicates.add(e);
      }
    });
    return new SetResult(attempted.size(), acknowledged, seen.size(), lost, unexpected, failedButPresent,
        recovered, infoAbsent, duplicates);
  }
}
