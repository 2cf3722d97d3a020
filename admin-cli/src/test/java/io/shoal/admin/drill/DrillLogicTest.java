package io.shoal.admin.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.admin.local.StopOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of the drills: who is hit, for how long, and how the outcome is summarised. */
class DrillLogicTest {
  private static final Map<String, String> ZONES = Map.of("n1", "a", "n2", "b", "n3", "c", "n4", "a");

  @Test
  void busiestLeaderIsTheNodeLeadingMostGroupsLowestIdOnTies() {
    assertThat(ClusterWatch.busiest(Map.of(1, "n2", 2, "n2", 3, "n1", 4, "n3"))).isEqualTo("n2");
    assertThat(ClusterWatch.busiest(Map.of(1, "n3", 2, "n1", 3, "n2"))).isEqualTo("n1");
    assertThatThrownBy(() -> ClusterWatch.busiest(Map.of())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void groupsLedByASetOfNodesInOrder() {
    assertThat(ClusterWatch.ledBy(Map.of(5, "n1", 2, "n2", 1, "n1", 3, "n4"), Set.of("n1", "n4")))
        .containsExactly(1, 3, 5);
  }

  @Test
  void busiestZoneCountsEveryNodeOfTheZone() {
    // n1 and n4 are both in zone a: 2 groups against zone b's 2, c's 1 -> tie between a and b, a wins by name.
    assertThat(IsolateZoneDrill.busiestZone(Map.of(1, "n1", 2, "n4", 3, "n2", 4, "n2", 5, "n3"), ZONES))
        .isEqualTo("a");
    assertThat(IsolateZoneDrill.busiestZone(Map.of(1, "n2", 2, "n2", 3, "n1"), ZONES)).isEqualTo("b");
    // A leader the layout does not know (stale view) is ignored; no leaders at all picks the first zone.
    assertThat(IsolateZoneDrill.busiestZone(Map.of(1, "n9", 2, "n3"), ZONES)).isEqualTo("c");
    assertThat(IsolateZoneDrill.busiestZone(Map.of(), ZONES)).isEqualTo("a");
  }

  @Test
  void pauseMustOutlastTheElectionTimeout() {
    assertThat(IsolateZoneDrill.pauseFor(1000, null)).isEqualTo(Duration.ofSeconds(10));
    assertThat(IsolateZoneDrill.pauseFor(3000, null)).isEqualTo(Duration.ofSeconds(15));
    assertThat(IsolateZoneDrill.pauseFor(1000, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> IsolateZoneDrill.pauseFor(2000, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("election timeout (2000 ms)");
  }

  @Test
  void electionTimeoutComesFromTheRecordedCommandElseTheNodeDefault() {
    assertThat(IsolateZoneDrill.electionTimeoutMs(List.of("java", "io.shoal.node.NodeMain", "--id", "n1")))
        .isEqualTo(1000);
    assertThat(IsolateZoneDrill.electionTimeoutMs(List.of("java", "NodeMain", "--election-timeout-ms", "2500")))
        .isEqualTo(2500);
    assertThat(IsolateZoneDrill.electionTimeoutMs(List.of("java", "NodeMain", "--election-timeout-ms=700")))
        .isEqualTo(700);
  }

  @Test
  void onlyAndWorstOfTheAffectedGroups() {
    Map<Integer, Double> gaps = Map.of(1, 0.5, 2, 3.25, 3, 1.0);
    assertThat(WriteGaps.only(gaps, List.of(1, 3))).containsExactly(Map.entry(1, 0.5), Map.entry(3, 1.0));
    assertThat(WriteGaps.worst(WriteGaps.only(gaps, List.of(1, 3)))).isEqualTo(1.0);
    // A group with no acknowledged write after the fault is unknown, and so is the worst.
    assertThat(WriteGaps.worst(WriteGaps.only(gaps, List.of(1, 4)))).isNaN();
    assertThat(WriteGaps.worst(Map.of())).isNaN();
  }

  @Test
  void summaryGivesTheMedianAndWhetherEveryRunWasClean() {
    assertThat(DrillSummary.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(DrillSummary.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    assertThat(DrillSummary.median(new double[0])).isNaN();
    String line = DrillSummary.line("rolling-restart", "worst group during the roll",
        List.of(new DrillOutcome(true, 1.5), new DrillOutcome(false, 0.5), new DrillOutcome(true, 2.0)));
    assertThat(line).startsWith("=== 3 rolling-restart drills: write unavailability (worst group during the roll)")
        .contains("median 1.500", "[1.5, 0.5, 2.0]").endsWith("all checked NOT CLEAN");
  }

  @Test
  void rollingRestartStepsSayWhatHappened() {
    assertThat(new RollingRestartDrill.Step("n2", StopOutcome.Kind.TERMINATED, 0.8, 6.25, null))
        .hasToString("n2: SIGTERM -> exited after 0.800 s, started, ready (GET /ready 200) 6.250 s after the SIGTERM");
    RollingRestartDrill.Step slow = new RollingRestartDrill.Step("n3", StopOutcome.Kind.KILLED, 30.0, Double.NaN,
        "not ready 120 s after the start: not ready: group g3 has no known leader");
    assertThat(slow.ready()).isFalse();
    assertThat(slow.toString()).contains("killed (grace ran out", "NOT READY: not ready 120 s");
  }
}
