package io.shoal.core.expression;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Bounded cache of parsed (and statically checked) expressions keyed by kind and text, before
 * names and values are bound: clients send the same expression text with different values, so the
 * parse is the reusable part. Parse failures are not cached; they are cheap to repeat and rare.
 * Thread-safe.
 */
public final class ExpressionCache {
  /** Default capacity: enough for every distinct expression of a busy workload. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private record Key(ExpressionKind kind, String text) {}

  private final Cache<Key, Object> cache;

  public ExpressionCache() {
    this(DEFAULT_MAX_ENTRIES);
  }

  public ExpressionCache(int maxEntries) {
    this.cache = CacheBuilder.newBuilder().maximumSize(maxEntries).build();
  }

  @SuppressWarnings("unchecked")
  <T> T get(ExpressionKind kind, String text, Supplier<T> parser) {
    Key key = new Key(kind, text);
    Object hit = cache.getIfPresent(key);
    if (hit != null) {
      return (T) hit;
    }
    T parsed = DeepParse.run(text, parser);
    cache.put(key, parsed);
    return parsed;
  }

  public long size() {
    cache.cleanUp();
    return cache.size();
  }
}
