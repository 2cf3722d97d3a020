package io.shoal.admin.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns separated by two spaces; the last column is free text and not padded. {@link #left} pads every other
 * column on the right (names, states: {@code shoal status}); {@link #numeric} right-aligns the middle columns so
 * that numbers line up ({@code shoal bench}).
 */
public final class TextTable {
  private final boolean numeric;
  private final List<String[]> rows = new ArrayList<>();

  private TextTable(boolean numeric, String... header) {
    this.numeric = numeric;
    rows.add(header);
  }

  public static TextTable left(String... header) {
    return new TextTable(false, header);
  }

  /** The first column left-aligned, the middle ones right-aligned. */
  public static TextTable numeric(String... header) {
    return new TextTable(true, header);
  }

  public TextTable row(String... cells) {
    rows.add(cells);
    return this;
  }

  public String render(String indent) {
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
        line.append(last ? c : numeric && i > 0 ? pad + c : c + pad);
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
