/**
 * JMH benchmarks of the hot paths, one small class per thing measured, grouped by concept ({@code json},
 * {@code key}, {@code expression}, {@code apply}), and the sample data they share ({@link
 * io.shoal.benchmarks.SampleItems}, {@link io.shoal.benchmarks.SampleExpressions}).
 *
 * <p>Benchmarks call the production classes and must not copy their code. Each class has a smoke test that runs its
 * setup and every benchmark method once and checks the result, so a benchmark that no longer measures anything
 * fails the normal build. How to run them and the latest numbers: docs/performance.md.
 */
package io.shoal.benchmarks;
