package io.shoal.admin.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRecorderTest {

  @Test
  void recordsInvocationAndCompletionWithTheInjectedClock() {
    AtomicLong t = new AtomicLong();
    HistoryRecorder rec = new HistoryRecorder(() -> t.addAndGet(10));
    HistoryRecorder.Handle put = rec.put(1, "k", "a");
    HistoryRecorder.Handle get = rec.get(2, "k");
    put.ok();
    get.ok(null);
    rec.cas(3, "k", null, "b").fail();
    rec.add(4, "s", "e1").info();
    HistoryRecorder.Handle pending = rec.delete(5, "k");

    List<Op> h = rec.history();
    assertThat(h).hasSize(5);
    assertThat(h.get(0)).isEqualTo(Op.put(0, 1, "k", "a", 10, 30, Outcome.OK));
    assertThat(h.get(1)).isEqualTo(Op.get(1, 2, "k", null, 20, 40));
    assertThat(h.get(2)).isEqualTo(Op.cas(2, 3, "k", null, "b", 50, 60, Outcome.FAIL));
    assertThat(h.get(3)).isEqualTo(Op.add(3, 4, "s", "e1", 70, 80, Outcome.INFO));
    assertThat(h.get(4)).isEqualTo(Op.delete(4, 5, "k", 90, Long.MAX_VALUE, Outcome.INFO));
    assertThat(pending.op().id()).isEqualTo(4);
  }

  @Test
  void aHandleCompletesOnceAndReadsCarryTheirValue() {
    HistoryRecorder rec = new HistoryRecorder();
    HistoryRecorder.Handle put = rec.put(0, "k", "a");
    put.ok();
    assertThatThrownBy(put::info).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> rec.get(0, "k").ok()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> rec.put(0, "k", "b").ok("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void isSafeUnderConcurrentClients() throws Exception {
    HistoryRecorder rec = new HistoryRecorder();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int p = 0; p < 8; p++) {
      int process = p;
      pool.submit(() -> {
        for (int i = 0; i < 1000; i++) {
          rec.put(process, "k" + process, "v" + i).ok();
          rec.get(process, "k" + process).ok("v" + i);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    List<Op> h = rec.history();
    assertThat(h).hasSize(16_000);
    assertThat(h).extracting(Op::id).doesNotHaveDuplicates().isSorted();
    assertThat(h).allMatch(op -> op.outcome() == Outcome.OK && op.completeNanos() >= op.invokeNanos());
    assertThat(LinearizabilityChecker.register().check(h).verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void jsonLinesRoundTripEveryField(@TempDir Path dir) throws Exception {
    List<Op> h = List.of(
        Op.put(0, 1, "k", "a \"quoted\"\n value", 10, 20, Outcome.OK),
        Op.get(1, 2, "k", null, 11, 21),
        Op.cas(2, 3, "k", null, "b", 12, 22, Outcome.FAIL),
        Op.cas(3, 3, "k", "b", "c", 13, 23, Outcome.INFO),
        Op.delete(4, 4, "k", 14, Long.MAX_VALUE, Outcome.INFO),
        Op.add(5, 5, "set", "e1", 15, 25, Outcome.OK));
    Path file = dir.resolve("history.jsonl");
    HistoryJson.write(h, file);
    assertThat(Files.readAllLines(file)).hasSize(6);
    assertThat(Files.readAllLines(file).get(4)).doesNotContain("complete");
    assertThat(HistoryJson.read(file)).isEqualTo(h);
  }

  @Test
  void aBadLineSaysWhichLine() {
    assertThatThrownBy(() -> HistoryJson.fromLine("{\"id\":1}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{\"id\":1}");
  }
}
