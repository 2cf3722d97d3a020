package io.shoal.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
import com.google.protobuf.ByteString;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.node.group.GroupRange;
import io.shoal.node.group.GroupStateMachine;
import io.shoal.node.storage.RocksStorageEngine;
import io.shoal.node.testing.TestPorts;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.DataCommand;
import io.shoal.proto.Item;
import io.shoal.proto.PutItemCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot saving off the apply thread (PutItems timed out at the router's deadline while groups wrote their
 * snapshot SSTs on jraft's FSM caller): one node, two single-replica groups over real jraft, and a test export that
 * holds the node's export thread so a group's snapshot stays queued while the test watches.
 */
class AsyncSnapshotSaveTest {
  static final long TABLE = 7;
  static final GroupRange LOW = new GroupRange(1, 0, Long.MIN_VALUE);
  static final GroupRange HIGH = new GroupRange(2, Long.MIN_VALUE, 0);

  @TempDir Path tmp;
  RocksStorageEngine engine;
  SharedLogStore logs;
  RaftHost host;
  DataReplica low;
  DataReplica high;
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch blockerRunning = new CountDownLatch(1);
  long hlc = 1;

  @BeforeEach
  void start() throws Exception {
    engine = new RocksStorageEngine(tmp.resolve("items"));
    logs = new SharedLogStore(tmp.resolve("raft-log"), false);
    int port = TestPorts.free();
    // Snapshots only when a test asks for one: the timer is an hour.
    host = new RaftHost("127.0.0.1", port, tmp.resolve("raft"), logs, new RaftSettings(300, 3600, false, true, true));
    host.start();
    low = host.startDataGroup(LOW, List.of(host.selfAddress()), engine);
    high = host.startDataGroup(HIGH, List.of(host.selfAddress()), engine);
    await("both groups led", () -> low.isLeader() && high.isLeader());
  }

  @AfterEach
  void stop() {
    release.countDown();
    host.close();
    logs.close();
    engine.close();
  }

  @Test
  void writesApplyWhileTheSnapshotExportWaitsAndTheSnapshotHoldsExactlyTheCut() throws Exception {
    List<String> keys = keysOf(LOW, 10);
    for (String k : keys.subList(0, 5)) {
      low.propose(put(k)).get(5, TimeUnit.SECONDS);
    }
    holdExportThread();
    // The state machine's index, not jraft's: jraft moves its own only after onApply returns, which may be after
    // the write's future completed.
    long cutIndex = low.state().appliedIndex();
    CompletableFuture<Status> saved = snapshot(low);
    await("the snapshot export queued", () -> host.snapshotExports().queued() == 1);

    // The apply thread is free: with the export still waiting, later writes commit and apply.
    for (String k : keys.subList(5, 10)) {
      low.propose(put(k)).get(5, TimeUnit.SECONDS);
    }
    assertThat(low.state().appliedIndex()).isEqualTo(cutIndex + 5);
    assertThat(low.state().read(TABLE, key(keys.get(9)))).isPresent();
    assertThat(saved).as("snapshot still waiting for the export thread").isNotDone();

    release.countDown();
    assertThat(saved.get(10, TimeUnit.SECONDS).isOk()).isTrue();
    assertThat(low.snapshotsSaved()).isEqualTo(1);

    // Installed into an empty store, the snapshot holds the five writes before the cut and none after it.
    Path dir = snapshotDir("g1", cutIndex);
    try (RocksStorageEngine fresh = new RocksStorageEngine(tmp.resolve("fresh"))) {
      GroupStateMachine copy = new GroupStateMachine(LOW, fresh);
      new GroupSnapshots(copy, fresh).load(dir, cutIndex);
      assertThat(copy.appliedIndex()).isEqualTo(cutIndex);
      for (String k : keys.subList(0, 5)) {
        assertThat(copy.read(TABLE, key(k))).as(k).isPresent();
      }
      for (String k : keys.subList(5, 10)) {
        assertThat(copy.read(TABLE, key(k))).as(k).isEmpty();
      }
      int[] items = {0};
      copy.inspect(v -> {
        v.forEachItem((k, val) -> items[0]++);
        return null;
      });
      assertThat(items[0]).isEqualTo(5);
      assertThat(copy.lastSeq()).isEqualTo(5);
    }
  }

  @Test
  void groupsOfANodeExportOneAtATime() throws Exception {
    low.propose(put(keysOf(LOW, 1).get(0))).get(5, TimeUnit.SECONDS);
    high.propose(put(keysOf(HIGH, 1).get(0))).get(5, TimeUnit.SECONDS);
    holdExportThread();
    CompletableFuture<Status> lowSaved = snapshot(low);
    CompletableFuture<Status> highSaved = snapshot(high);
    // Both wait in the node's one queue behind the running export rather than writing in parallel.
    await("both exports queued", () -> host.snapshotExports().queued() == 2);
    assertThat(lowSaved).isNotDone();
    assertThat(highSaved).isNotDone();

    release.countDown();
    assertThat(lowSaved.get(10, TimeUnit.SECONDS).isOk()).isTrue();
    assertThat(highSaved.get(10, TimeUnit.SECONDS).isOk()).isTrue();
  }

  @Test
  void closingTheHostCancelsAQueuedExportAndWaitsForTheRunningOne() throws Exception {
    low.propose(put(keysOf(LOW, 1).get(0))).get(5, TimeUnit.SECONDS);
    holdExportThread();
    long index = low.state().appliedIndex();
    CompletableFuture<Status> saved = snapshot(low);
    await("the snapshot export queued", () -> host.snapshotExports().queued() == 1);

    Thread closer = new Thread(host::close, "test-host-close");
    closer.start();
    // The queued export fails at once, with a status jraft drops the snapshot for (not EIO: that breaks the node).
    Status st = saved.get(10, TimeUnit.SECONDS);
    assertThat(st.getRaftError()).isEqualTo(RaftError.ESHUTDOWN);
    // The running export still reads the store, so close waits for it: the store must not close under it.
    closer.join(300);
    assertThat(closer.isAlive()).isTrue();

    release.countDown();
    closer.join(10_000);
    assertThat(closer.isAlive()).as("close returned once the running export ended").isFalse();
    assertThat(low.snapshotsSaved()).isZero();
    assertThat(Files.exists(tmp.resolve("raft/g1/snapshot/snapshot_" + index))).isFalse();
  }

  @Test
  void aGroupStoppedWhileItsExportIsQueuedDoesNotWaitForItAndTheNodeGoesOn() throws Exception {
    high.propose(put(keysOf(HIGH, 1).get(0))).get(5, TimeUnit.SECONDS);
    holdExportThread();
    CompletableFuture<Status> saved = snapshot(high);
    await("the snapshot export queued", () -> host.snapshotExports().queued() == 1);

    // jraft's join waits for the group's save; cancelled, it does not wait behind the export thread.
    Thread stopper = new Thread(high::shutdown, "test-group-stop");
    stopper.start();
    stopper.join(10_000);
    assertThat(stopper.isAlive()).as("group stopped while the export thread was still held").isFalse();
    assertThat(saved.get(10, TimeUnit.SECONDS).getRaftError()).isEqualTo(RaftError.ESHUTDOWN);
    assertThat(host.snapshotExports().queued()).isZero();

    // The node and its other group carry on, snapshots included.
    release.countDown();
    low.propose(put(keysOf(LOW, 1).get(0))).get(5, TimeUnit.SECONDS);
    assertThat(snapshot(low).get(10, TimeUnit.SECONDS).isOk()).isTrue();
  }

  /** Occupies the node's export thread until {@link #release}, as a long export of another group would. */
  void holdExportThread() throws InterruptedException {
    host.snapshotExports().submit(new SnapshotExports.Export() {
      @Override
      public void run() {
        blockerRunning.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void cancel(Status why) {}
    });
    assertThat(blockerRunning.await(5, TimeUnit.SECONDS)).isTrue();
  }

  /** jraft saves only if the group applied something since its last snapshot; each test writes first. */
  static CompletableFuture<Status> snapshot(DataReplica r) {
    CompletableFuture<Status> f = new CompletableFuture<>();
    r.node.snapshot(f::complete);
    return f;
  }

  Path snapshotDir(String group, long index) throws IOException {
    Path dir = tmp.resolve("raft").resolve(group).resolve("snapshot").resolve("snapshot_" + index);
    assertThat(dir).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("items.sst", "changelog.sst", "groupmeta.sst");
    }
    return dir;
  }

  /** Item keys whose hash falls in {@code range}: a group applies only writes to its own range. */
  static List<String> keysOf(GroupRange range, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; out.size() < n; i++) {
      String k = "k" + i;
      if (range.contains(PartitionHash.hash(TABLE, k.getBytes(StandardCharsets.UTF_8)))) {
        out.add(k);
      }
    }
    return out;
  }

  static byte[] key(String pk) {
    return KeyCodec.itemKey(pk.getBytes(StandardCharsets.UTF_8), null);
  }

  DataCommand put(String pk) {
    Item item = Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS(pk).build()).build();
    return DataCommand.newBuilder().setVersion(CommandVersion.V1).setHlc(hlc++).setOrigin("test")
        .setPut(PutItemCommand.newBuilder().setTableId(TABLE).setKey(ByteString.copyFrom(key(pk))).setItem(item))
        .build();
  }

  static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (cond.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
