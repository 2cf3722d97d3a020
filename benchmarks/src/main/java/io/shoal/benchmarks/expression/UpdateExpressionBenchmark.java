package io.shoal.benchmarks.expression;

import io.shoal.benchmarks.SampleExpressions;
import io.shoal.benchmarks.SampleItems;
import io.shoal.core.expression.ExpressionAttributes;
import io.shoal.core.expression.ExpressionCache;
import io.shoal.core.expression.Expressions;
import io.shoal.core.expression.Update;
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
 * An UpdateExpression ({@link SampleExpressions#UPDATE}: SET with arithmetic, nested paths and if_not_exists, ADD
 * to a string set) through {@code Expressions}: parse with the cache hit, parse with no cache, and applying the
 * resolved update to a 1 KB item (which builds the new item). Fresh text and attributes per call, as in
 * {@link ConditionExpressionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpdateExpressionBenchmark {
  static final int ITEMS = 16;

  public Expressions cached;
  public Expressions uncached;
  public char[] text;
  public Update resolved;
  public Item[] items;
  public int next;

  @Setup
  public void setup() {
    cached = new Expressions();
    uncached = new Expressions(new ExpressionCache(0));
    text = SampleExpressions.UPDATE.toCharArray();
    resolved = cached.update(SampleExpressions.UPDATE, attributes());
    items = new Item[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      items[i] = SampleItems.item(i);
    }
  }

  /** Parse (cache hit) and bind names and values. */
  @Benchmark
  public Update parseCached() {
    return cached.update(new String(text), attributes());
  }

  /** Lex, parse, check and bind, with no cache. */
  @Benchmark
  public Update parseUncached() {
    return uncached.update(new String(text), attributes());
  }

  /** Apply the resolved update to an item. */
  @Benchmark
  public Item apply() {
    return resolved.apply(items[next++ & (ITEMS - 1)]);
  }

  private static ExpressionAttributes attributes() {
    return ExpressionAttributes.of(SampleExpressions.UPDATE_NAMES, SampleExpressions.UPDATE_VALUES);
  }
}
