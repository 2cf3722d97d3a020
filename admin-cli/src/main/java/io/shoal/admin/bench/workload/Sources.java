package io.shoal.admin.bench.workload;

import io.netty.buffer.ByteBufAllocator;
import io.shoal.admin.bench.load.OpKind;
import io.shoal.admin.bench.load.Request;
import io.shoal.admin.bench.load.RequestSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The request sources of each workload: templates are built once per endpoint and shared (read-only bytes); each
 * connection gets its own random stream and key chooser, derived from the seed and its index.
 */
public final class Sources {
  /** Puts per BatchWriteItem: DynamoDB's maximum. */
  public static final int BATCH = 25;

  private Sources() {}

  /** A source factory for {@code w}: connection i gets {@code apply(i)}. */
  public static IntFunction<RequestSource> of(Workload w, WorkloadSpec s, String hostHeader) {
    ItemJson items = new ItemJson(s.itemSize(), s.seed());
    String kvKey = "k" + RequestTemplate.SLOT;
    RequestTemplate put = RequestTemplate.of(OpKind.PUT_ITEM, hostHeader, Bodies.putItem(s.table(), items.kv(kvKey)));
    return switch (w) {
      case PUT -> i -> single(put, KeyChooser.uniform(s.records(), random(s, i)));
      case GET, GET_STRONG -> {
        RequestTemplate get = RequestTemplate.of(OpKind.GET_ITEM, hostHeader,
            Bodies.getItem(s.table(), kvKey, w == Workload.GET_STRONG));
        yield i -> single(get, KeyChooser.uniform(s.records(), random(s, i)));
      }
      case GET_ZIPF -> {
        RequestTemplate get = RequestTemplate.of(OpKind.GET_ITEM, hostHeader, Bodies.getItem(s.table(), kvKey, false));
        yield i -> single(get, KeyChooser.zipfian(s.records(), random(s, i)));
      }
      case QUERY -> {
        QueryLayout layout = QueryLayout.of(s.records(), s.seed());
        RequestTemplate query = RequestTemplate.of(OpKind.QUERY, hostHeader,
            Bodies.query(s.table(), "p" + RequestTemplate.SLOT, s.queryLimit()));
        yield i -> single(query, KeyChooser.uniform(layout.partitions(), random(s, i)));
      }
      case MIX_A, MIX_B -> {
        RequestTemplate get = RequestTemplate.of(OpKind.GET_ITEM, hostHeader, Bodies.getItem(s.table(), kvKey, false));
        int readPercent = w == Workload.MIX_A ? 50 : 95;
        yield i -> {
          SplittableRandom r = random(s, i);
          return mix(get, put, readPercent, KeyChooser.zipfian(s.records(), r), r);
        };
      }
      case BATCH_WRITE -> {
        List<String> puts = new ArrayList<>();
        for (int k = 0; k < BATCH; k++) {
          puts.add(items.kv(kvKey));
        }
        RequestTemplate batch = RequestTemplate.of(OpKind.BATCH_WRITE_ITEM, hostHeader,
            Bodies.batchWrite(s.table(), puts));
        yield i -> distinctBatch(batch, s.records(), random(s, i));
      }
      case COND_INCREMENT -> {
        RequestTemplate update = RequestTemplate.of(OpKind.UPDATE_ITEM, hostHeader,
            Bodies.condIncrement(s.table(), "c" + RequestTemplate.SLOT, s.counterLimit()));
        yield i -> single(update, KeyChooser.uniform(s.counterKeys(), random(s, i)));
      }
    };
  }

  static SplittableRandom random(WorkloadSpec s, int connection) {
    return new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + connection);
  }

  private static RequestSource single(RequestTemplate t, KeyChooser keys) {
    return alloc -> t.request(alloc, keys.next());
  }

  private static RequestSource mix(RequestTemplate get, RequestTemplate put, int readPercent, KeyChooser keys,
      SplittableRandom r) {
    return alloc -> (r.nextInt(100) < readPercent ? get : put).request(alloc, keys.next());
  }

  /** 25 distinct uniform keys per batch: DynamoDB refuses a batch that names one key twice. */
  private static RequestSource distinctBatch(RequestTemplate t, int records, SplittableRandom r) {
    long[] keys = new long[t.slots()];
    return new RequestSource() {
      @Override
      public Request next(ByteBufAllocator alloc) {
        for (int k = 0; k < keys.length; k++) {
          long key;
          boolean dup;
          do {
            key = r.nextInt(records);
            dup = false;
            for (int j = 0; j < k && !dup; j++) {
              dup = keys[j] == key;
            }
          } while (dup);
          keys[k] = key;
        }
        return t.request(alloc, keys);
      }
    };
  }
}
