package io.shoal.admin.bench.workload;

import io.netty.buffer.ByteBufAllocator;
import io.shoal.admin.bench.load.OpKind;
import io.shoal.admin.bench.load.Outcome;
import io.shoal.admin.bench.load.Request;
import io.shoal.admin.bench.load.RequestSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Writes the records a read workload needs, with BatchWriteItem of 25 items built from the same item generator as
 * the workload's writes. Connection i of C writes batches i, i+C, i+2C, ...; a batch that failed or came back with
 * UnprocessedItems is sent again whole (its puts are idempotent), up to {@link #MAX_ATTEMPTS} times, then counted
 * as failed. Bodies are built per batch (not templated): the query table's sort keys differ in width, and the
 * preload is not what is measured.
 */
public final class Preload {
  public static final int MAX_ATTEMPTS = 10;

  /** What a preload did, summed over its connections. */
  public static final class Tally {
    final AtomicLong items = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    public long items() {
      return items.get();
    }

    public long retriedBatches() {
      return retried.get();
    }

    public long failedBatches() {
      return failed.get();
    }
  }

  private Preload() {}

  /** Source factory for a preload of {@code w}'s table over {@code clients} connections. */
  public static IntFunction<RequestSource> sources(Workload w, WorkloadSpec s, String hostHeader, int clients,
      Tally tally) {
    ItemJson json = new ItemJson(s.itemSize(), s.seed());
    IntFunction<String> item;
    if (w.sorted()) {
      QueryLayout layout = QueryLayout.of(s.records(), s.seed());
      item = i -> json.sorted(RequestTemplate.key('p', layout.partitionOf(i)), layout.sortKeyOf(i));
    } else {
      item = i -> json.kv(RequestTemplate.key('k', i));
    }
    int batches = (s.records() + Sources.BATCH - 1) / Sources.BATCH;
    return c -> new Striped(c, clients, batches, s.records(), b -> {
      List<String> items = new ArrayList<>(Sources.BATCH);
      for (int i = b * Sources.BATCH; i < Math.min(s.records(), (b + 1) * Sources.BATCH); i++) {
        items.add(item.apply(i));
      }
      return RequestTemplate.encode(OpKind.BATCH_WRITE_ITEM, hostHeader,
          Bodies.batchWrite(s.table(), items).getBytes(StandardCharsets.UTF_8));
    }, tally);
  }

  private static final class Striped implements RequestSource {
    private final int stride;
    private final int batches;
    private final int records;
    private final IntFunction<byte[]> encode;
    private final Tally tally;
    private int next;
    private int retry = -1;
    private int attempts;

    Striped(int first, int stride, int batches, int records, IntFunction<byte[]> encode, Tally tally) {
      this.next = first;
      this.stride = stride;
      this.batches = batches;
      this.records = records;
      this.encode = encode;
      this.tally = tally;
    }

    @Override
    public Request next(ByteBufAllocator alloc) {
      int b;
      if (retry >= 0) {
        b = retry;
      } else if (next < batches) {
        b = next;
        next += stride;
        attempts = 0;
      } else {
        return null;
      }
      byte[] bytes = encode.apply(b);
      return new Request(OpKind.BATCH_WRITE_ITEM, alloc.buffer(bytes.length).writeBytes(bytes), b);
    }

    @Override
    public void done(Request request, Outcome outcome) {
      int b = (int) request.tag();
      attempts++;
      if (outcome.isError() || outcome.unprocessed() > 0) {
        if (attempts < MAX_ATTEMPTS) {
          retry = b;
          tally.retried.incrementAndGet();
        } else {
          retry = -1;
          tally.failed.incrementAndGet();
        }
        return;
      }
      retry = -1;
      tally.items.addAndGet(Math.min(records, (b + 1) * Sources.BATCH) - b * Sources.BATCH);
    }
  }
}
