package io.shoal.benchmarks.expression;

import io.shoal.benchmarks.SampleExpressions;
import io.shoal.benchmarks.SampleItems;
import io.shoal.core.expression.Condition;
import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionCache;
import io.shoal.core.expression.ExpressionKind;
import io.shoal.core.expression.Expressions;
import io.shoal.proto.Item;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A ConditionExpression ({@link SampleExpressions#CONDITION}: five clauses, a function, BETWEEN, OR) through
 * {@code Expressions}: parse with the process-wide parse cache hit, parse with no cache ({@code ExpressionCache}
 * of size 0, so every call lexes and parses), and evaluation of the resolved condition against a 1 KB item.
 *
 * <p>Each call gets a new String of the text and new ExpressionAttributes, as each request does (the text arrives
 * in a new request body; attributes record usage per request), so the cache key's hash is computed every time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConditionExpressionBenchmark {
  static final int ITEMS = 16;

  public Expressions cached;
  public Expressions uncached;
  public char[] text;
  public Condition resolved;
  public Item[] items;
  public int next;

  @Setup
  public void setup() {
    cached = new Expressions();
    uncached = new Expressions(new ExpressionCache(0));
    text = SampleExpressions.CONDITION.toCharArray();
    resolved = cached.condition(ExpressionKind.CONDITION, SampleExpressions.CONDITION, attributes());
    items = new Item[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      items[i] = SampleItems.item(i);
    }
  }

  /** Parse (cache hit) and bind names and values. */
  @Benchmark
  public Condition parseCached() {
    return cached.condition(ExpressionKind.CONDITION, new String(text), attributes());
  }

  /** Lex, parse, check and bind, with no cache. */
  @Benchmark
  public Condition parseUncached() {
    return uncached.condition(ExpressionKind.CONDITION, new String(text), attributes());
  }

  /** Evaluate the resolved condition against an item. */
  @Benchmark
  public boolean evaluate() {
    return resolved.evaluate(items[next++ & (ITEMS - 1)]);
  }

  /** Parse (cache hit), bind and evaluate: what a conditional write costs per replica at apply. */
  @Benchmark
  public boolean parseCachedAndEvaluate() {
    return parseCached().evaluate(items[next++ & (ITEMS - 1)]);
  }

  private static ExpressionAttributes attributes() {
    return ExpressionAttributes.of(SampleExpressions.CONDITION_NAMES, SampleExpressions.CONDITION_VALUES);
  }
}
