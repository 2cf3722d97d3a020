package io.shoal.router.api;

import io.shoal.router.error.DynamoException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects member constraint violations and reports them the way DynamoDB's validator does: all at once,
 * in member order, as {@code "2 validation errors detected: Value 'a;' at 'tableName' failed to satisfy
 * constraint: Member must ...; Value null at 'item' failed to satisfy constraint: Member must not be
 * null"}.
 *
 * <p>Format, wording and the ten-error cap are dynalite's validations/index.js (checkValidations and
 * validateFns), whose expected strings in test/*.js were copied from DynamoDB's answers.
 */
final class Constraints {
  static final String NAME_PATTERN_TEXT = "[a-zA-Z0-9_.-]+";
  private static final Pattern NAME_PATTERN = Pattern.compile(NAME_PATTERN_TEXT);
  private static final int MAX_REPORTED = 10;
  /**
   * The envelope DynamoDB also puts around some single cross-member errors (the Expected rules, Query's Select
   * rules), as if they were one failed constraint.
   */
  static final String ONE_ERROR = "1 validation error detected: ";

  private final List<String> errors = new ArrayList<>();

  /** Table and index names: the pattern, then both length bounds. */
  Constraints name(String path, String value, boolean required) {
    if (required) {
      notNull(path, value);
    }
    if (value == null) {
      return this;
    }
    check(NAME_PATTERN.matcher(value).matches(), path, quoted(value),
        "Member must satisfy regular expression pattern: " + NAME_PATTERN_TEXT);
    check(value.length() >= 3, path, quoted(value), "Member must have length greater than or equal to 3");
    check(value.length() <= 255, path, quoted(value), "Member must have length less than or equal to 255");
    return this;
  }

  /** Only the pattern: for CreateTable/DescribeTable/DeleteTable, whose length rule has its own text. */
  Constraints namePattern(String path, String value) {
    if (value != null) {
      check(NAME_PATTERN.matcher(value).matches(), path, quoted(value),
          "Member must satisfy regular expression pattern: " + NAME_PATTERN_TEXT);
    }
    return this;
  }

  Constraints notNull(String path, Object value) {
    check(value != null, path, "null", "Member must not be null");
    return this;
  }

  Constraints oneOf(String path, String value, List<String> allowed) {
    if (value != null) {
      check(allowed.contains(value), path, quoted(value),
          "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
    }
    return this;
  }

  Constraints atLeast(String path, Long value, long min) {
    if (value != null) {
      check(value >= min, path, quoted(value), "Member must have value greater than or equal to " + min);
    }
    return this;
  }

  Constraints atMost(String path, Long value, long max) {
    if (value != null) {
      check(value <= max, path, quoted(value), "Member must have value less than or equal to " + max);
    }
    return this;
  }

  /** A string's length in characters (tag keys and values). */
  Constraints lengthBetween(String path, String value, int min, int max) {
    if (value != null) {
      check(value.length() >= min, path, quoted(value), "Member must have length greater than or equal to " + min);
      check(value.length() <= max, path, quoted(value), "Member must have length less than or equal to " + max);
    }
    return this;
  }

  /** A list's or map's size; {@code rendered} is how DynamoDB prints the value. */
  Constraints sizeAtLeast(String path, int size, String rendered, int min) {
    check(size >= min, path, quoted(rendered), "Member must have length greater than or equal to " + min);
    return this;
  }

  Constraints sizeAtMost(String path, int size, String rendered, int max) {
    check(size <= max, path, quoted(rendered), "Member must have length less than or equal to " + max);
    return this;
  }

  /**
   * The keys of a map of tables (BatchGetItem/BatchWriteItem RequestItems): one error per bad key, naming the
   * whole map and listing every rule, as dynalite's validateFns.keys reports them (test/batchGetItem.js).
   */
  Constraints tableNameKeys(String path, Iterable<String> keys, String renderedMap) {
    for (String key : keys) {
      boolean ok = NAME_PATTERN.matcher(key).matches() && key.length() >= 3 && key.length() <= 255;
      check(ok, path, quoted(renderedMap), "Map keys must satisfy constraint: [Member must have length less than"
          + " or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular"
          + " expression pattern: " + NAME_PATTERN_TEXT + "]");
    }
    return this;
  }

  /**
   * The sizes of a map's list values (BatchWriteItem RequestItems): one error per bad value, naming the whole map
   * (dynalite validateFns.values, test/batchWriteItem.js).
   */
  Constraints mapValueSizes(String path, Iterable<Integer> sizes, String renderedMap, int min, int max) {
    for (int size : sizes) {
      check(size >= min && size <= max, path, quoted(renderedMap), "Map value must satisfy constraint: [Member must"
          + " have length less than or equal to " + max + ", Member must have length greater than or equal to "
          + min + "]");
    }
    return this;
  }

  /** Throws the collected violations, if any, as one ValidationException. */
  void throwIfAny() {
    if (errors.isEmpty()) {
      return;
    }
    int n = errors.size();
    throw DynamoException.validation(
        n + " validation error" + (n > 1 ? "s" : "") + " detected: " + String.join("; ", errors));
  }

  private void check(boolean ok, String path, String renderedValue, String rule) {
    if (!ok && errors.size() < MAX_REPORTED) {
      errors.add("Value " + renderedValue + " at '" + path + "' failed to satisfy constraint: " + rule);
    }
  }

  private static String quoted(Object value) {
    return "'" + value + "'";
  }
}
