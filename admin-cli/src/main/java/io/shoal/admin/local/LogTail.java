package io.shoal.admin.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a (possibly large) log file, reading only its end. */
public final class LogTail {

  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  public static List<String> tail(Path file, int lines) {
    if (lines <= 0 || !Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, MAX_BYTES);
      byte[] buf = new byte[n];
      f.seek(len - n);
      f.readFully(buf);
      List<String> all = Arrays.asList(new String(buf, StandardCharsets.UTF_8).split("\r?\n", -1));
      if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
        all = all.subList(0, all.size() - 1);
      }
      if (n < len && !all.isEmpty()) {
        all = all.subList(1, all.size()); // first line is cut
      }
      return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }
}
