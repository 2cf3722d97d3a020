package io.shoal.benchmarks.apply;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shoal.benchmarks.SampleExpressions;
import io.shoal.benchmarks.SampleItems;
import io.shoal.core.key.KeyCodec;
import io.shoal.node.group.ApplyResult;
import io.shoal.node.group.GroupRange;
import io.shoal.node.group.GroupStateMachine;
import io.shoal.node.storage.MemoryStorageEngine;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.node.storage.StorageEngine;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.Item;
import io.shoal.proto.PutItemCommand;
import io.shoal.proto.ScalarType;
import io.shoal.proto.UpdateItemCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A data group applying committed commands ({@code GroupStateMachine.apply}), on the in-memory engine and on
 * RocksDB in a temporary directory: an unconditional PutItem of a 1 KB item, a conditional UpdateItem
 * ({@link SampleExpressions}: the condition holds, the update rewrites the item), and a batch of 32 PutItems in one
 * apply call (one storage batch; the score is per command).
 *
 * <p>Each command is decoded from its log bytes first ({@code DataCommand.parseFrom}), as {@code DataGroupFsm}
 * does. Writes cycle over 1,024 keys that the iteration's setup has written once, so every write replaces an item
 * (reads its old version, logs old and new image). Every iteration starts from an empty store: the change log grows
 * with every write and nothing trims it here, so a long-lived store would make later iterations measure a bigger
 * heap (memory) or more compaction (RocksDB) than earlier ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GroupApplyBenchmark {
  static final int KEYS = 1024;
  static final int BATCH = 32;
  /** One group owning the whole ring, so every key is in range. */
  static final GroupRange RANGE = new GroupRange(1, 0, 0);

  @Param({"memory", "rocksdb"})
  public String engine;

  /** Serialised commands without their hlc (see {@link #entry}). */
  public byte[][] puts;
  public byte[][] updates;
  public Path dir;
  public StorageEngine store;
  public GroupStateMachine machine;
  public long index;
  public int next;

  @Setup(Level.Trial)
  public void commands() {
    puts = new byte[KEYS][];
    updates = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      Item item = SampleItems.item(i);
      byte[] key = KeyCodec.itemKey(
          KeyCodec.partitionKeyBytes(ScalarType.S, item.getAttributesOrThrow(SampleItems.HASH_KEY)),
          KeyCodec.sortKeyBytes(ScalarType.N, item.getAttributesOrThrow(SampleItems.RANGE_KEY)));
      puts[i] = command().setPut(PutItemCommand.newBuilder().setTableId(SampleItems.TABLE_ID)
          .setKey(com.google.protobuf.ByteString.copyFrom(key)).setItem(item)).build().toByteArray();
      updates[i] = command().setUpdate(UpdateItemCommand.newBuilder().setTableId(SampleItems.TABLE_ID)
          .setKey(com.google.protobuf.ByteString.copyFrom(key))
          .setKeyAttributes(Item.newBuilder().putAllAttributes(SampleItems.key(item)))
          .setUpdate(SampleExpressions.updateSpec()).setCondition(SampleExpressions.conditionSpec()))
          .build().toByteArray();
    }
  }

  private static DataCommand.Builder command() {
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setOrigin("bench").setGroupEpoch(1);
  }

  @Setup(Level.Iteration)
  public void open() throws IOException {
    if (engine.equals("memory")) {
      store = new MemoryStorageEngine();
    } else if (engine.equals("rocksdb")) {
      dir = Files.createTempDirectory("shoal-jmh-rocks");
      store = new RocksStorageEngine(dir);
    } else {
      throw new IllegalArgumentException("engine must be memory or rocksdb: " + engine);
    }
    machine = new GroupStateMachine(RANGE, store);
    index = 0;
    next = 0;
    for (int i = 0; i < KEYS; i += BATCH) {
      List<GroupStateMachine.Entry> entries = new ArrayList<>(BATCH);
      for (int k = i; k < i + BATCH; k++) {
        entries.add(entry(puts[k]));
      }
      machine.apply(entries);
    }
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    store.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      dir = null;
    }
  }

  /** One unconditional PutItem replacing a 1 KB item. */
  @Benchmark
  public ApplyResult putItem() throws InvalidProtocolBufferException {
    return machine.apply(List.of(entry(puts[next++ & (KEYS - 1)]))).get(0);
  }

  /** One UpdateItem whose condition holds: read, evaluate, update, write. */
  @Benchmark
  public ApplyResult conditionalUpdate() throws InvalidProtocolBufferException {
    return machine.apply(List.of(entry(updates[next++ & (KEYS - 1)]))).get(0);
  }

  /** 32 PutItems of distinct keys in one apply (one storage write). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<ApplyResult> putBatch32() throws InvalidProtocolBufferException {
    List<GroupStateMachine.Entry> entries = new ArrayList<>(BATCH);
    for (int k = 0; k < BATCH; k++) {
      entries.add(entry(puts[next++ & (KEYS - 1)]));
    }
    return machine.apply(entries);
  }

  /**
   * The next log entry for a command: its index, and its bytes decoded with an hlc above the last one. A proposer
   * stamps rising timestamps, and apply copies any command whose timestamp is not above the last applied one, so
   * reusing the stamped bytes would measure that copy. The hlc field is written in front of the rest of the command
   * (protobuf reads fields in any order), which costs one ~1 KB array copy.
   */
  GroupStateMachine.Entry entry(byte[] withoutHlc) throws InvalidProtocolBufferException {
    long i = ++index;
    byte[] bytes = new byte[CodedOutputStream.computeUInt64Size(DataCommand.HLC_FIELD_NUMBER, i) + withoutHlc.length];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeUInt64(DataCommand.HLC_FIELD_NUMBER, i);
      out.writeRawBytes(withoutHlc);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new GroupStateMachine.Entry(i, DataCommand.parseFrom(bytes));
  }
}
