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
    if (c != 0 || pa.length() == a.length() || pb.length() == b.length()) {
      return c != 0 ? c : a.compareTo(b);
    }
    c = Long.compare(Long.parseLong(a.substring(pa.length())), Long.parseLong(b.substring(pb.length())));
    return c != 0 ? c : a.compareTo(b);
  }
}
