package io.shoal.compat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Picks, from a pool, exactly the {@code :values} and {@code #names} an expression mentions: DynamoDB rejects unused
 * ones, so table-driven expression tests need per-case maps.
 */
final class Exprs {
  private static final Pattern VALUE = Pattern.compile(":[A-Za-z0-9_]+");
  private static final Pattern NAME = Pattern.compile("#[A-Za-z0-9_]+");

  private Exprs() {}

  /** The pool's values used by the expressions; null when none (DynamoDB rejects an empty map). */
  static Map<String, AttributeValue> values(Map<String, AttributeValue> pool, String... expressions) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (String e : expressions) {
      Matcher m = VALUE.matcher(e == null ? "" : e);
      while (m.find()) {
        if (pool.containsKey(m.group())) {
          out.put(m.group(), pool.get(m.group()));
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  static Map<String, String> names(Map<String, String> pool, String... expressions) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : expressions) {
      Matcher m = NAME.matcher(e == null ? "" : e);
      while (m.find()) {
        if (pool.containsKey(m.group())) {
          out.put(m.group(), pool.get(m.group()));
        }
      }
    }
    return out.isEmpty() ? null : out;
  }
}
