package io.shoal.admin.status;

import java.util.Comparator;

/** Orders node ids naturally: n2 before n10. */
final class NodeIds {

  static final Comparator<String> NATURAL = NodeIds::compare;

  private NodeIds() {}

  static int compare(String a, String b) {
    String pa = a.replaceAll("\\d+$", "");
    String pb = b.replaceAll("\\d+$", "");
    int c = pa.compareTo(pb);
    if (c == 0) {
      String da = a.substring(pa.length());
      String db = b.substring(pb.length());
      c = Integer.compare(da.length(), db.length());
      if (c == 0) {
        c = da.compareTo(db);
      }
    }
    return c;
  }
}
