package io.shoal.admin.check;

import java.util.Map;
import java.util.stream.Collectors;

/** Per-key verdicts of a whole history. */
public record LinearizabilityResult(Map<String, KeyResult> keys) {

  /** NOT_LINEARIZABLE if any key is; otherwise UNKNOWN if any key is; otherwise LINEARIZABLE. */
  public Verdict verdict() {
    boolean unknown = false;
    for (KeyResult k : keys.values()) {
      if (k.verdict() == Verdict.NOT_LINEARIZABLE) {
        return Verdict.NOT_LINEARIZABLE;
      }
      unknown |= k.verdict() == Verdict.UNKNOWN;
    }
    return unknown ? Verdict.UNKNOWN : Verdict.LINEARIZABLE;
  }

  public boolean isLinearizable() {
    return verdict() == Verdict.LINEARIZABLE;
  }

  public KeyResult key(String key) {
    return keys.get(key);
  }

  /** The explanations of every key that is not LINEARIZABLE, for an assertion message. */
  public String summary() {
    String bad = keys.values().stream().filter(k -> k.verdict() != Verdict.LINEARIZABLE)
        .map(KeyResult::explanation).collect(Collectors.joining("\n"));
    return verdict() + " (" + keys.size() + " keys)" + (bad.isEmpty() ? "" : "\n" + bad);
  }
}
