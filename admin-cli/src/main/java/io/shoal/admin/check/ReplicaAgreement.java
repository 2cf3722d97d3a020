package io.shoal.admin.check;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares the per-group digests that several replicas report (the node's GroupDigest RPC, fetched elsewhere):
 * replicas of a group that have applied the same log index must hold byte-identical state. Replicas at different
 * applied indexes cannot be compared; the group is reported LAGGING so the caller can wait for quiescence and
 * ask again rather than pass or fail on it.
 */
public final class ReplicaAgreement {
  private ReplicaAgreement() {}

  /** One replica's report. */
  public record Digest(long appliedIndex, byte[] digest) {
    public Digest {
      digest = digest.clone();
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Digest d && d.appliedIndex == appliedIndex && Arrays.equals(d.digest, digest);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(appliedIndex) * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
      return "index " + appliedIndex + " digest " + HexFormat.of().formatHex(digest);
    }
  }

  public enum Status {
    /** Every replica reports the same applied index and the same digest. */
    AGREE,
    /** Two replicas at the same applied index hold different state: divergence. */
    DISAGREE,
    /** Replicas report different applied indexes (and no two at one index differ): not comparable yet. */
    LAGGING
  }

  /** One group's verdict, with what each replica said. */
  public record GroupReport(String group, Status status, SortedMap<String, Digest> replicas) {
    @Override
    public String toString() {
      return "group " + group + " " + status + ": " + replicas;
    }
  }

  /** The verdicts of all groups; {@link #disagreeing()} is what a drill fails on. */
  public record Report(SortedMap<String, GroupReport> groups) {
    public List<GroupReport> disagreeing() {
      return withStatus(Status.DISAGREE);
    }

    public List<GroupReport> lagging() {
      return withStatus(Status.LAGGING);
    }

    public boolean allAgree() {
      return groups.values().stream().allMatch(g -> g.status() == Status.AGREE);
    }

    private List<GroupReport> withStatus(Status s) {
      return groups.values().stream().filter(g -> g.status() == s).toList();
    }

    @Override
    public String toString() {
      return groups.values().stream().filter(g -> g.status() != Status.AGREE).map(GroupReport::toString)
          .collect(Collectors.joining("\n", "replica agreement: " + (allAgree() ? "all agree" : "problems") + "\n",
              ""));
    }
  }

  /** @param reports group -> replica -> what that replica reported */
  public static Report compare(Map<String, Map<String, Digest>> reports) {
    SortedMap<String, GroupReport> out = new TreeMap<>();
    reports.forEach((group, replicas) -> {
      SortedMap<String, Digest> sorted = new TreeMap<>(replicas);
      Map<Long, List<Digest>> byIndex = sorted.values().stream()
          .collect(Collectors.groupingBy(Digest::appliedIndex));
      boolean diverged = byIndex.values().stream()
          .anyMatch(ds -> ds.stream().map(Digest::digest).map(HexFormat.of()::formatHex).distinct().count() > 1);
      Status status = diverged ? Status.DISAGREE : byIndex.size() > 1 ? Status.LAGGING : Status.AGREE;
      out.put(group, new GroupReport(group, status, sorted));
    });
    return new Report(out);
  }
}
