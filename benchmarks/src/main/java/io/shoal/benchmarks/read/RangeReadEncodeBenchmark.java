package io.shoal.benchmarks.read;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.benchmarks.SampleItems;
import io.shoal.core.item.EncodedItemSize;
import io.shoal.core.item.ItemSize;
import io.shoal.proto.EncodedItemVersion;
import io.shoal.proto.EncodedRangeItem;
import io.shoal.proto.EncodedRangeReadResponse;
import io.shoal.proto.ItemVersion;
import io.shoal.proto.RangeItem;
import io.shoal.proto.RangeReadResponse;
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
 * A node's answer to a Query page of 20 items, from the stored rows to the response bytes gRPC sends: as the node
 * does it ({@code encoded}: the items' stored bytes copied into the encoded twin, sizes counted from the bytes) and
 * as it did before ({@code decoded}: each version decoded, sized and encoded again). The RocksDB scan is left out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RangeReadEncodeBenchmark {
  static final int PAGE_SIZE = 20;

  /** Stored values as apply writes them (EncodedItemVersion), and their item keys. */
  public byte[][] stored;
  public byte[][] keys;

  @Setup
  public void setup() {
    stored = new byte[PAGE_SIZE][];
    keys = new byte[PAGE_SIZE][];
    for (int i = 0; i < PAGE_SIZE; i++) {
      stored[i] = EncodedItemVersion.newBuilder().setItem(SampleItems.item(i).toByteString()).setHlc(1_000 + i)
          .setOrigin("local").setSeq(i).build().toByteArray();
      keys[i] = ("user#" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public byte[] encoded() throws InvalidProtocolBufferException {
    EncodedRangeReadResponse.Builder b = EncodedRangeReadResponse.newBuilder();
    long bytes = 0;
    for (int i = 0; i < PAGE_SIZE; i++) {
      EncodedItemVersion v = EncodedItemVersion.parseFrom(stored[i]);
      bytes += EncodedItemSize.of(v.getItem());
      b.addItems(EncodedRangeItem.newBuilder().setKey(ByteString.copyFrom(keys[i])).setItem(v.getItem()));
    }
    return b.setBytesRead(bytes).build().toByteArray();
  }

  @Benchmark
  public byte[] decoded() throws InvalidProtocolBufferException {
    RangeReadResponse.Builder b = RangeReadResponse.newBuilder();
    long bytes = 0;
    for (int i = 0; i < PAGE_SIZE; i++) {
      ItemVersion v = ItemVersion.parseFrom(stored[i]);
      bytes += ItemSize.of(v.getItem());
      b.addItems(RangeItem.newBuilder().setKey(ByteString.copyFrom(keys[i])).setItem(v.getItem()));
    }
    return b.setBytesRead(bytes).build().toByteArray();
  }
}
