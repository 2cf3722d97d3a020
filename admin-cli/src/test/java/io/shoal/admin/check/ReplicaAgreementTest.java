package io.shoal.admin.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.admin.check.ReplicaAgreement.Digest;
import io.shoal.admin.check.ReplicaAgreement.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaAgreementTest {
  private static Digest d(long index, int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new Digest(index, b);
  }

  @Test
  void classifiesEachGroup() {
    ReplicaAgreement.Report r = ReplicaAgreement.compare(Map.of(
        "g1", Map.of("n1", d(10, 1, 2), "n2", d(10, 1, 2), "n3", d(10, 1, 2)),
        "g2", Map.of("n1", d(10, 1, 2), "n2", d(10, 1, 3), "n3", d(10, 1, 2)),
        "g3", Map.of("n1", d(10, 1, 2), "n2", d(9, 7, 7)),
        "g4", Map.of("n1", d(10, 1, 2), "n2", d(10, 9, 9), "n3", d(8, 1))));
    assertThat(r.groups().get("g1").status()).isEqualTo(Status.AGREE);
    assertThat(r.groups().get("g2").status()).isEqualTo(Status.DISAGREE);
    assertThat(r.groups().get("g3").status()).isEqualTo(Status.LAGGING);
    assertThat(r.groups().get("g4").status()).isEqualTo(Status.DISAGREE);
    assertThat(r.disagreeing()).extracting(ReplicaAgreement.GroupReport::group).containsExactly("g2", "g4");
    assertThat(r.lagging()).extracting(ReplicaAgreement.GroupReport::group).containsExactly("g3");
    assertThat(r.allAgree()).isFalse();
    assertThat(r.toString()).contains("group g2 DISAGREE", "n2=index 10 digest 0103").doesNotContain("g1");
  }

  @Test
  void allAgreeAndSingleReplicaGroups() {
    ReplicaAgreement.Report r = ReplicaAgreement.compare(Map.of(
        "a", Map.of("n1", d(5, 0xff), "n2", d(5, 0xff)),
        "b", Map.of("n1", d(3))));
    assertThat(r.allAgree()).isTrue();
    assertThat(r.disagreeing()).isEmpty();
    assertThat(ReplicaAgreement.compare(Map.of()).allAgree()).isTrue();
  }

  @Test
  void digestsAreCopiedAndComparedByContent() {
    byte[] bytes = {1, 2};
    Digest digest = new Digest(1, bytes);
    bytes[0] = 9;
    assertThat(digest).isEqualTo(d(1, 1, 2)).hasSameHashCodeAs(d(1, 1, 2));
    assertThat(digest.digest()).containsExactly(1, 2);
  }
}
