package io.shoal.core.expression;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * DynamoDB's reserved words. Kept in a resource file (one word a line, copied from the AWS page
 * "Reserved words in DynamoDB") so the list can be diffed against the documentation.
 */
public final class ReservedWords {
  private static final Set<String> WORDS = load();

  private ReservedWords() {}

  /** Whether {@code name}, used bare in an expression, is reserved (case-insensitive). */
  public static boolean isReserved(String name) {
    return WORDS.contains(name.toUpperCase(Locale.ROOT));
  }

  static int size() {
    return WORDS.size();
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = ReservedWords.class.getResourceAsStream("reserved-words.txt")) {
      if (in == null) {
        throw new IllegalStateException("reserved-words.txt missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.trim();
        if (!line.isEmpty() && !line.startsWith("#")) {
          words.add(line.toUpperCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
