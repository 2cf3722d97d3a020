package io.shoal.admin.bench.load;

import io.netty.buffer.ByteBufAllocator;

/**
 * Where one connection gets its requests. A connection calls its source only from its own event-loop thread, so a
 * source made per connection needs no synchronisation.
 */
public interface RequestSource {
  /** The next request, its bytes allocated from {@code alloc}; null when a finite source has nothing left. */
  Request next(ByteBufAllocator alloc);

  /** How {@code request} ended (the preload re-sends what did not land). */
  default void done(Request request, Outcome outcome) {}
}
