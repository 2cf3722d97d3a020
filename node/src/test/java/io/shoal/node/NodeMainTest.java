package io.shoal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flags to {@link NodeConfig}: advertised vs bind address, defaults, and messages a person can act on. */
class NodeMainTest {
  static NodeConfig parse(String... args) {
    NodeMain main = new NodeMain();
    new CommandLine(main).parseArgs(args);
    return main.config();
  }

  static final String[] CONTAINER = {"--id", "n1", "--zone", "a", "--host", "n1.shoal", "--bind-host", "0.0.0.0",
      "--data-dir", "/data", "--meta-peers", "n1.shoal:7101,n2.shoal:7101,n3.shoal:7101",
      "--seeds", "n1.shoal:7201,n2.shoal:7201", "--http-port", "7301"};

  @Test
  void advertisedAddressIsTheRaftIdentityAndBindAddressIsWhereItListens() {
    NodeConfig c = parse(CONTAINER).validate();
    assertThat(c.raftAddress()).isEqualTo("n1.shoal:7101");
    assertThat(c.grpcAddress()).isEqualTo("n1.shoal:7201");
    assertThat(c.listenHost()).isEqualTo("0.0.0.0");
    assertThat(c.hostsMeta()).isTrue();
    assertThat(c.metaPeers()).hasSize(3);
    assertThat(c.seeds()).containsExactly("n1.shoal:7201", "n2.shoal:7201");
    assertThat(c.dataDir()).isEqualTo(Path.of("/data"));
    assertThat(c.drainTimeoutMs()).isEqualTo(NodeConfig.DEFAULT_DRAIN_TIMEOUT_MS);
    assertThat(c.electionTimeoutMs()).isEqualTo(1000);
    assertThat(c.groups()).isEqualTo(6);
    assertThat(c.readLease()).isTrue();
    assertThat(c.blockCacheMb()).isEqualTo(NodeConfig.DEFAULT_BLOCK_CACHE_MB);
  }

  @Test
  void theBlockCacheIsSizedInMebibytesAndMustBePositive() {
    String[] args = java.util.Arrays.copyOf(CONTAINER, CONTAINER.length + 2);
    args[CONTAINER.length] = "--block-cache-mb";
    args[CONTAINER.length + 1] = "512";
    assertThat(parse(args).validate().blockCacheMb()).isEqualTo(512);
    args[CONTAINER.length + 1] = "0";
    assertThatThrownBy(() -> parse(args).validate()).hasMessageContaining("--block-cache-mb");
  }

  @Test
  void theReadLeaseCanBeTurnedOff() {
    String[] args = java.util.Arrays.copyOf(CONTAINER, CONTAINER.length + 1);
    args[CONTAINER.length] = "--no-read-lease";
    assertThat(parse(args).validate().readLease()).isFalse();
  }

  @Test
  void bindAddressDefaultsToTheAdvertisedOne() {
    NodeConfig c = parse("--id", "n1", "--zone", "a", "--host", "127.0.0.1", "--raft-port", "17101",
        "--grpc-port", "17201", "--data-dir", "d", "--meta-peers", "127.0.0.1:17101", "--seeds", "127.0.0.1:17201")
        .validate();
    assertThat(c.listenHost()).isEqualTo("127.0.0.1");
    assertThat(c.metaPeers()).isEqualTo(List.of("127.0.0.1:17101"));
  }

  @Test
  void aWildcardCannotBeAdvertised() {
    String[] args = CONTAINER.clone();
    args[5] = "0.0.0.0";
    assertThatThrownBy(() -> parse(args).validate()).hasMessageContaining("--bind-host 0.0.0.0");
  }

  @Test
  void missingRequiredSettingsNameTheirEnvironmentVariable() {
    assertThatThrownBy(() -> parse("--zone", "a", "--data-dir", "d", "--meta-peers", "x:1", "--seeds", "x:2")
        .validate()).hasMessageContaining("SHOAL_NODE_ID");
    assertThatThrownBy(() -> parse("--id", "n1", "--zone", "a", "--data-dir", "d", "--seeds", "x:2").validate())
        .hasMessageContaining("SHOAL_META_PEERS");
  }
}
