package io.shoal.admin.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Histories as JSON lines, one operation per line, so a failing run's history can be saved beside the test report
 * and re-checked offline. Absent values are JSON null; fields:
 * {@code {"id":0,"process":1,"kind":"PUT","key":"k","value":"v","expected":null,"invoke":10,"complete":20,
 * "outcome":"OK","result":null}}. {@code complete} is omitted for an operation that never completed.
 */
public final class HistoryJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryJson() {}

  public static String toLine(Op op) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", op.id());
    n.put("process", op.process());
    n.put("kind", op.kind().name());
    n.put("key", op.key());
    n.put("value", op.value());
    n.put("expected", op.expected());
    n.put("invoke", op.invokeNanos());
    if (op.completeNanos() != Long.MAX_VALUE) {
      n.put("complete", op.completeNanos());
    }
    n.put("outcome", op.outcome().name());
    n.put("result", op.result());
    return n.toString();
  }

  public static Op fromLine(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      return new Op(n.get("id").asLong(), n.get("process").asInt(), OpKind.valueOf(n.get("kind").asText()),
          n.get("key").asText(), text(n, "value"), text(n, "expected"), n.get("invoke").asLong(),
          n.hasNonNull("complete") ? n.get("complete").asLong() : Long.MAX_VALUE,
          Outcome.valueOf(n.get("outcome").asText()), text(n, "result"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a history line: " + line, e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  public static void write(List<Op> history, Writer out) throws IOException {
    for (Op op : history) {
      out.write(toLine(op));
      out.write('\n');
    }
    out.flush();
  }

  public static List<Op> read(Reader in) throws IOException {
    List<Op> ops = new ArrayList<>();
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (!line.isBlank()) {
        ops.add(fromLine(line));
      }
    }
    return ops;
  }

  public static void write(List<Op> history, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(history, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Op> read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
