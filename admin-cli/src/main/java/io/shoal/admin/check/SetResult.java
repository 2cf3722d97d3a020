package io.shoal.admin.check;

import java.util.SortedSet;

/**
 * What the set checker found.
 *
 * @param attempted elements any client tried to add
 * @param acknowledged adds that returned OK
 * @param present distinct elements in the final read
 * @param lost acknowledged (OK) but missing at the end: data loss
 * @param unexpected present at the end but never attempted: corruption or a stray writer
 * @param failedButPresent present although the add definitely failed (FAIL): a lie to the client
 * @param recovered INFO adds that turned out present: fine, an unknown outcome may have happened
 * @param infoAbsent INFO adds that did not land: fine
 * @param duplicates elements the final read returned more than once
 */
public record SetResult(int attempted, int acknowledged, int present, SortedSet<String> lost,
    SortedSet<String> unexpected, SortedSet<String> failedButPresent, SortedSet<String> recovered, int infoAbsent,
    SortedSet<String> duplicates) {

  public boolean ok() {
    return lost.isEmpty() && unexpected.isEmpty() && failedButPresent.isEmpty() && duplicates.isEmpty();
  }

  @Override
  public String toString() {
    return (ok() ? "OK" : "VIOLATION") + ": attempted " + attempted + ", acknowledged " + acknowledged
        + ", present " + present + ", lost " + sample(lost) + ", unexpected " + sample(unexpected)
        + ", failed but present " + sample(failedButPresent) + ", duplicates " + sample(duplicates)
        + ", recovered (INFO present) " + recovered.size() + ", INFO absent " + infoAbsent;
  }

  private static String sample(SortedSet<String> s) {
    if (s.size() <= 20) {
      return s.size() + " " + s;
    }
    return s.size() + " " + s.stream().limit(20).toList() + "...";
  }
}
