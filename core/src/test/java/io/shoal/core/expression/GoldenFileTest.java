package io.shoal.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.proto.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the golden files in src/test/resources/expression/. Each case is a block of "key: value"
 * lines separated by blank lines; lines starting with '#' are comments. Keys:
 *
 * <pre>
 * kind:   condition | filter | update | projection | key      (required)
 * expr:   the expression text, taken verbatim after "expr: "
 * names:  ExpressionAttributeNames JSON       (optional)
 * values: ExpressionAttributeValues JSON, DynamoDB JSON values (optional)
 * item:   the item, DynamoDB JSON             (optional; absent = no item)
 * result: true|false (condition), item JSON (update, projection), terms (key)
 * error:  exact ValidationException message
 * </pre>
 */
class GoldenFileTest {
  static final List<String> FILES = List.of(
      "condition-valid.txt", "condition-errors.txt", "update-valid.txt", "update-errors.txt",
      "projection.txt", "key-condition.txt");

  @TestFactory
  Stream<DynamicTest> goldenFiles() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : FILES) {
      List<Map<String, String>> cases = read(file);
      assertThat(cases).as(file).isNotEmpty();
      for (Map<String, String> c : cases) {
        String name = file + ":" + c.get("line") + " " + c.get("expr");
        tests.add(DynamicTest.dynamicTest(name, () -> run(c)));
      }
    }
    return tests.stream();
  }

  /** The driver must be able to fail: a wrong expectation is reported, not silently passed. */
  @Test
  void driverDetectsWrongExpectations() {
    Map<String, String> wrongResult = new LinkedHashMap<>(Map.of(
        "kind", "condition", "expr", "a = :v", "values", "{\":v\": {\"S\": \"x\"}}",
        "item", "{\"a\": {\"S\": \"x\"}}", "result", "false"));
    assertThatThrownBy(() -> run(wrongResult)).isInstanceOf(AssertionError.class);
    Map<String, String> wrongError = new LinkedHashMap<>(wrongResult);
    wrongError.remove("result");
    wrongError.put("error", "some other message");
    assertThatThrownBy(() -> run(wrongError)).isInstanceOf(AssertionError.class);
    Map<String, String> noExpectation = new LinkedHashMap<>(wrongResult);
    noExpectation.remove("result");
    assertThatThrownBy(() -> run(noExpectation)).isInstanceOf(AssertionError.class);
  }

  static void run(Map<String, String> c) {
    String error = c.get("error");
    String result = c.get("result");
    if ((error == null) == (result == null)) {
      throw new AssertionError("case needs exactly one of result/error: " + c);
    }
    Object actual;
    try {
      actual = evaluate(c);
    } catch (ExpressionException | io.shoal.core.number.InvalidNumberException e) {
      if (error == null) {
        throw new AssertionError("unexpected error for " + c + ": " + e.getMessage(), e);
      }
      assertThat(e.getMessage()).as(c.toString()).isEqualTo(error);
      return;
    }
    if (error != null) {
      throw new AssertionError("expected error \"" + error + "\" but got " + actual + " for " + c);
    }
    Object expected = switch (c.get("kind")) {
      case "condition", "filter" -> Boolean.parseBoolean(result);
      case "update", "projection" -> DynamoJson.item(result);
      default -> result;
    };
    assertThat(actual).as(c.toString()).isEqualTo(expected);
  }

  static Object evaluate(Map<String, String> c) {
    Expressions expressions = new Expressions(new ExpressionCache(16));
    ExpressionAttributes attrs = ExpressionAttributes.of(
        c.containsKey("names") ? DynamoJson.names(c.get("names")) : null,
        c.containsKey("values") ? DynamoJson.values(c.get("values")) : null);
    Item item = c.containsKey("item") ? DynamoJson.item(c.get("item")) : Item.getDefaultInstance();
    String expr = c.get("expr");
    Object out = switch (c.get("kind")) {
      case "condition" -> expressions.condition(ExpressionKind.CONDITION, expr, attrs);
      case "filter" -> expressions.condition(ExpressionKind.FILTER, expr, attrs);
      case "update" -> expressions.update(expr, attrs);
      case "projection" -> expressions.projection(expr, attrs);
      case "key" -> expressions.keyCondition(expr, attrs);
      default -> throw new AssertionError("unknown kind " + c);
    };
    attrs.checkAllUsed();
    if (out instanceof Condition cond) {
      return cond.evaluate(item);
    }
    if (out instanceof Update u) {
      return u.apply(item);
    }
    if (out instanceof Projection p) {
      return p.apply(item);
    }
    return ((KeyCondition) out).terms().stream()
        .map(t -> t.attribute() + " " + t.op() + " " + t.values().stream()
            .map(v -> Values.render(v)).collect(Collectors.joining(" ")))
        .collect(Collectors.joining("; "));
  }

  static List<Map<String, String>> read(String file) throws IOException {
    String text;
    try (InputStream in = GoldenFileTest.class.getResourceAsStream("/expression/" + file)) {
      if (in == null) {
        throw new AssertionError("missing golden file " + file);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Map<String, String>> cases = new ArrayList<>();
    Map<String, String> cur = null;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (line.isBlank()) {
        if (cur != null) {
          cases.add(cur);
        }
        cur = null;
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(": ");
      if (colon < 0) {
        throw new AssertionError(file + ":" + (n + 1) + ": expected 'key: value': " + line);
      }
      if (cur == null) {
        cur = new LinkedHashMap<>();
        cur.put("line", String.valueOf(n + 1));
      }
      cur.put(line.substring(0, colon), line.substring(colon + 2));
    }
    if (cur != null) {
      cases.add(cur);
    }
    return cases;
  }
}
