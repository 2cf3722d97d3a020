package io.shoal.admin.bench.report;

import java.util.Locale;

/** Number formats shared by the text outputs: grouped integers, milliseconds, ratios. */
final class Fmt {
  private Fmt() {}

  static String count(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
  }

  static String ratio(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
  }
}
