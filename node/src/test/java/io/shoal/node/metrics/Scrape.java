package io.shoal.node.metrics;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text scrape, enough for assertions: sums of samples by name and label subset. */
final class Scrape {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)$",
      Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  final String text;

  Scrape(String text) {
    this.text = text;
  }

  /** Sum of the samples named {@code name} whose labels include {@code labels}; NaN when there is none. */
  double sum(String name, Map<String, String> labels) {
    Matcher m = SAMPLE.matcher(text);
    double total = 0;
    boolean any = false;
    while (m.find()) {
      if (!m.group(1).equals(name)) {
        continue;
      }
      String labelText = m.group(3) == null ? "" : m.group(3);
      boolean match = true;
      for (Map.Entry<String, String> want : labels.entrySet()) {
        Matcher l = LABEL.matcher(labelText);
        boolean found = false;
        while (l.find()) {
          if (l.group(1).equals(want.getKey()) && l.group(2).equals(want.getValue())) {
            found = true;
          }
        }
        match &= found;
      }
      if (match) {
        total += Double.parseDouble(m.group(4));
        any = true;
      }
    }
    return any ? total : Double.NaN;
  }

  /** Like {@link #sum(String, Map)}, with 0 when there is no such sample (a counter never incremented here). */
  double sumOrZero(String name, Map<String, String> labels) {
    double v = sum(name, labels);
    return Double.isNaN(v) ? 0 : v;
  }

  double sum(String name) {
    return sum(name, Map.of());
  }
}
