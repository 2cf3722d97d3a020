package io.shoal.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.admin.FakeMetaService;
import io.shoal.admin.Views;
import io.shoal.proto.ErrorCode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ClusterViewClientTest {

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void skipsDownAndNonLeaderSeedsAndRemembersWhoAnswered() throws Exception {
    int down = closedPort();
    try (FakeMetaService follower = new FakeMetaService(0, Views.healthy(1))
            .error(ErrorCode.NOT_LEADER);
        FakeMetaService leader = new FakeMetaService(0, Views.healthy(6));
        ClusterViewClient client = new ClusterViewClient(List.of("127.0.0.1:" + down,
            "127.0.0.1:" + follower.port(), "127.0.0.1:" + leader.port()), Duration.ofSeconds(2))) {

      ClusterViewClient.Answer a = client.fetch();
      assertThat(a.seed()).isEqualTo("127.0.0.1:" + leader.port());
      assertThat(a.view().getPartitionMap().getGroupsCount()).isEqualTo(6);
      assertThat(follower.calls()).isEqualTo(1);

      client.fetch();
      assertThat(follower.calls()).as("next fetch starts at the seed that answered").isEqualTo(1);
      assertThat(leader.calls()).isEqualTo(2);
    }
  }

  @Test
  void reportsEverySeedWhenNoneAnswers() throws Exception {
    int down = closedPort();
    try (FakeMetaService follower = new FakeMetaService(0, Views.healthy(1))
            .error(ErrorCode.NOT_LEADER);
        FakeMetaService slow = new FakeMetaService(0, Views.healthy(1)).delay(3_000);
        ClusterViewClient client = new ClusterViewClient(List.of("127.0.0.1:" + down,
            "127.0.0.1:" + follower.port(), "127.0.0.1:" + slow.port()),
            Duration.ofMillis(300))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(client::fetch)
          .isInstanceOf(ClusterUnreachableException.class)
          .satisfies(e -> assertThat(((ClusterUnreachableException) e).attempts())
              .hasSize(3)
              .anySatisfy(s -> assertThat(s).contains("UNAVAILABLE"))
              .anySatisfy(s -> assertThat(s).contains("NOT_LEADER", "(leader n1)"))
              .anySatisfy(s -> assertThat(s).contains("DEADLINE_EXCEEDED")));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void reconnectsPromptlyWhenASeedComesUpLater() throws Exception {
    int port = closedPort();
    try (ClusterViewClient client =
        new ClusterViewClient(List.of("127.0.0.1:" + port), Duration.ofSeconds(1))) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(client::fetch).isInstanceOf(ClusterUnreachableException.class);
      }
      try (FakeMetaService late = new FakeMetaService(port, Views.healthy(2))) {
        long t0 = System.nanoTime();
        ClusterViewClient.Answer a = null;
        while (a == null && System.nanoTime() - t0 < 5_000_000_000L) {
          try {
            a = client.fetch();
          } catch (ClusterUnreachableException e) {
            Thread.sleep(100);
          }
        }
        assertThat(a).as("answered within 5 s despite earlier failures").isNotNull();
      }
    }
  }
}
