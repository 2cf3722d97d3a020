package io.shoal.admin.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns separated by two spaces: the first left-aligned, the middle ones (numbers) right-aligned, the last free
 * text and not padded.
 */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  String render(String indent) {
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], cell(r, i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < cols; i++) {
        String c = cell(r, i);
        boolean last = i == cols - 1;
        String pad = " ".repeat(width[i] - c.length());
        line.append(last ? c : i > 0 ? pad + c : c + pad);
        if (!last) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String cell(String[] r, int i) {
    return i < r.length && r[i] != null ? r[i] : "";
  }
}
