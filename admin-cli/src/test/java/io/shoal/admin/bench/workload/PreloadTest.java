package io.shoal.admin.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.admin.bench.load.Outcome;
import io.shoal.admin.bench.load.Request;
import io.shoal.admin.bench.load.RequestSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class PreloadTest {
  static final WorkloadSpec KV = new WorkloadSpec("bench_kv", 1010, 300, 20, 7, 500, 3);

  /** Drains every connection's source, answering each request with {@code answer}; returns the items sent. */
  static List<JsonNode> drain(IntFunction<RequestSource> sources, int clients, Outcome answer) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      RequestSource s = sources.apply(c);
      for (Request r = s.next(Wire.ALLOC); r != null; r = s.next(Wire.ALLOC)) {
        Wire w = Wire.parse(r.bytes());
        r.bytes().release();
        assertThat(w.headers().get("x-amz-target")).isEqualTo("DynamoDB_20120810.BatchWriteItem");
        w.json().at("/RequestItems/bench_kv").forEach(p -> items.add(p.at("/PutRequest/Item")));
        s.done(r, answer);
      }
    }
    return items;
  }

  @Test
  void writesEveryRecordOnceAcrossTheConnections() throws Exception {
    Preload.Tally tally = new Preload.Tally();
    List<JsonNode> items = drain(Preload.sources(Workload.GET, KV, "h", 4, tally), 4, Outcome.ok(0, 0));
    Set<String> keys = new HashSet<>();
    items.forEach(i -> keys.add(i.at("/pk/S").asText()));
    assertThat(items).hasSize(1010);
    assertThat(keys).hasSize(1010).contains(RequestTemplate.key('k', 0), RequestTemplate.key('k', 1009));
    assertThat(items).allMatch(i -> Wire.itemSize(i) == 300);
    assertThat(tally.items()).isEqualTo(1010);
    assertThat(tally.retriedBatches()).isZero();
  }

  @Test
  void theQueryTableGetsItsPartitionsAndSortKeys() throws Exception {
    WorkloadSpec spec = new WorkloadSpec("bench_kv", 500, 300, 20, 7, 500, 3);
    QueryLayout layout = QueryLayout.of(500, 3);
    List<JsonNode> items = drain(Preload.sources(Workload.QUERY, spec, "h", 3, new Preload.Tally()), 3,
        Outcome.ok(0, 0));
    Set<String> keys = new HashSet<>();
    for (JsonNode i : items) {
      keys.add(i.at("/pk/S").asText() + "/" + i.at("/sk/N").asText());
    }
    assertThat(keys).hasSize(500);
    for (int p = 0; p < layout.partitions(); p++) {
      assertThat(keys).contains(RequestTemplate.key('p', p) + "/" + (layout.size(p) - 1));
    }
  }

  @Test
  void aBatchWithUnprocessedItemsOrAnErrorIsSentAgainUntilItLandsOrRunsOutOfAttempts() throws Exception {
    Preload.Tally tally = new Preload.Tally();
    RequestSource s = Preload.sources(Workload.GET, new WorkloadSpec("bench_kv", 50, 300, 20, 7, 500, 3), "h", 1,
        tally).apply(0);
    Request first = s.next(Wire.ALLOC);
    s.done(first, Outcome.ok(0, 3));
    Request again = s.next(Wire.ALLOC);
    assertThat(again.tag()).isEqualTo(first.tag());
    s.done(again, Outcome.error("HTTP 500", ""));
    Request third = s.next(Wire.ALLOC);
    assertThat(third.tag()).isEqualTo(first.tag());
    s.done(third, Outcome.ok(0, 0));
    assertThat(tally.items()).isEqualTo(25);
    assertThat(tally.retriedBatches()).isEqualTo(2);
    Request second = s.next(Wire.ALLOC);
    assertThat(second.tag()).isEqualTo(1);
    for (int i = 0; i < Preload.MAX_ATTEMPTS; i++) {
      assertThat(second.tag()).isEqualTo(1);
      s.done(second, Outcome.error("HTTP 500", ""));
      second = s.next(Wire.ALLOC);
    }
    assertThat(second).isNull();
    assertThat(tally.failedBatches()).isEqualTo(1);
    assertThat(tally.items()).isEqualTo(25);
  }
}
