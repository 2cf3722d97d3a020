package io.shoal.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names, labels and units of the node's meters as Prometheus sees them. */
class NodeMetricsTest {
  @Test
  void raftObserverEventsBecomeCountersAndHistograms() {
    NodeMetrics m = new NodeMetrics();
    m.leaderChanged("g1", true);
    m.leaderChanged("g1", false);
    m.leaderChanged("meta", false);
    m.applied("g1", 3, 400_000);
    m.applied("g2", 40, 3_000_000);
    Scrape s = new Scrape(m.scrape());
    assertThat(s.text).contains("# TYPE shoal_raft_leader_changes_total counter");
    assertThat(s.sum("shoal_raft_leader_changes_total", Map.of("group", "g1"))).isEqualTo(2.0);
    assertThat(s.sum("shoal_raft_leader_changes_total", Map.of("group", "meta"))).isEqualTo(1.0);
    assertThat(s.text).contains("# TYPE shoal_raft_apply_batch_entries histogram");
    assertThat(s.sum("shoal_raft_apply_batch_entries_count")).isEqualTo(2.0);
    assertThat(s.sum("shoal_raft_apply_batch_entries_sum")).isEqualTo(43.0);
    assertThat(s.sum("shoal_raft_apply_batch_entries_bucket", Map.of("le", "4.0"))).isEqualTo(1.0);
    assertThat(s.sum("shoal_raft_apply_batch_entries_bucket", Map.of("le", "64.0"))).isEqualTo(2.0);
    assertThat(s.text).contains("# TYPE shoal_raft_apply_duration_seconds histogram");
    assertThat(s.sum("shoal_raft_apply_duration_seconds_bucket", Map.of("le", "5.0E-4"))).isEqualTo(1.0);
    assertThat(s.sum("shoal_raft_apply_duration_seconds_sum")).isCloseTo(0.0034, org.assertj.core.data.Offset
        .offset(1e-9));
  }

  @Test
  void rocksDbPropertiesAreGaugesPerStore() {
    NodeMetrics m = new NodeMetrics();
    Map<String, Long> items = Map.of("rocksdb.estimate-num-keys", 1234L, "rocksdb.total-sst-files-size", 5L << 20,
        "rocksdb.cur-size-all-mem-tables", 777L, "rocksdb.block-cache-usage", 4096L,
        "rocksdb.estimate-pending-compaction-bytes", 0L);
    m.watchRocksDb("items", items::get);
    m.watchRocksDb("raft_log", p -> -1);
    Scrape s = new Scrape(m.scrape());
    assertThat(s.sum("shoal_rocksdb_estimate_num_keys", Map.of("store", "items"))).isEqualTo(1234.0);
    assertThat(s.sum("shoal_rocksdb_sst_files_size_bytes", Map.of("store", "items"))).isEqualTo(5 << 20);
    assertThat(s.sum("shoal_rocksdb_memtables_size_bytes", Map.of("store", "items"))).isEqualTo(777.0);
    assertThat(s.sum("shoal_rocksdb_block_cache_usage_bytes", Map.of("store", "items"))).isEqualTo(4096.0);
    assertThat(s.sum("shoal_rocksdb_pending_compaction_size_bytes", Map.of("store", "items"))).isEqualTo(0.0);
    assertThat(s.sum("shoal_rocksdb_estimate_num_keys", Map.of("store", "raft_log"))).isEqualTo(-1.0);
  }

  @Test
  void readinessGaugeFollowsTheRule() {
    NodeMetrics m = new NodeMetrics();
    boolean[] ready = {false};
    m.watchReadiness(() -> ready[0]);
    assertThat(new Scrape(m.scrape()).sum("shoal_node_ready")).isEqualTo(0.0);
    ready[0] = true;
    assertThat(new Scrape(m.scrape()).sum("shoal_node_ready")).isEqualTo(1.0);
  }
}
