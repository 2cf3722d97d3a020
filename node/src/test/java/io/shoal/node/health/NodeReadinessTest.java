package io.shoal.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.health.NodeReadiness.GroupProgress;
import io.shoal.node.health.NodeReadiness.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeReadinessTest {
  private final NodeReadiness rule = new NodeReadiness();

  private static GroupProgress led(String g, long committed, long applied) {
    return new GroupProgress(g, true, committed, applied);
  }

  @Test
  void notReadyUntilRegisteredWithAMap() {
    assertThat(rule.evaluate(false, true, 0, List.of()))
        .isEqualTo(new Status(false, "not registered with the metadata group yet"));
    assertThat(rule.evaluate(true, false, 0, List.of())).isEqualTo(new Status(false, "no partition map yet"));
    // Registered, with a map that places nothing here: nothing to wait for.
    assertThat(rule.evaluate(true, true, 0, List.of()).ready()).isTrue();
  }

  @Test
  void everyAssignedGroupMustBeStartedAndLed() {
    assertThat(rule.evaluate(true, true, 2, List.of(led("g1", 5, 5))))
        .isEqualTo(new Status(false, "1 of 2 assigned groups started"));
    assertThat(rule.evaluate(true, true, 2, List.of(led("g1", 5, 5), new GroupProgress("g2", false, 0, 0))))
        .isEqualTo(new Status(false, "group g2 has no known leader"));
    assertThat(rule.evaluate(true, true, 2, List.of(led("g1", 5, 5), led("g2", 9, 9))).ready()).isTrue();
  }

  @Test
  void aReplicaMustReplayUpToTheCommitIndexItSawFirst() {
    // First sight with a leader: commit index 100 is the target, applied 40.
    assertThat(rule.evaluate(true, true, 1, List.of(led("g1", 100, 40))))
        .isEqualTo(new Status(false, "group g1 is replaying its log: applied 40 of 100"));
    // The target stays 100 even though the commit index moved on (lag 150 is within the bound).
    assertThat(rule.evaluate(true, true, 1, List.of(led("g1", 250, 99))).reason())
        .isEqualTo("group g1 is replaying its log: applied 99 of 100");
    assertThat(rule.evaluate(true, true, 1, List.of(led("g1", 250, 100))).ready()).isTrue();
  }

  @Test
  void aReplicaTooFarBehindItsCommitIndexIsNotReady() {
    assertThat(rule.evaluate(true, true, 1, List.of(led("g1", 10, 10))).ready()).isTrue();
    long behind = NodeReadiness.MAX_APPLY_LAG + 1;
    assertThat(rule.evaluate(true, true, 1, List.of(led("g1", 10 + behind, 10))))
        .isEqualTo(new Status(false, "group g1 is " + behind + " entries behind its commit index"));
    assertThat(rule.evaluate(true, true, 1, List.of(led("g1", 10 + behind, 11))).ready()).isTrue();
  }
}
