package io.shoal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes against the Kubernetes API model and Shoal's invariants ({@link KubernetesManifests}); and the
 * same checks failing on deliberately broken copies (src/test/resources/broken-kubernetes). Point it at another
 * directory with {@code -Dshoal.k8s.dir=DIR}.
 */
class KubernetesManifestsTest {
  static Path manifests() {
    String dir = System.getProperty("shoal.k8s.dir");
    return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("kubernetes");
  }

  @Test
  void everyManifestMatchesTheKubernetesApiAndShoalsInvariants() throws Exception {
    Path dir = manifests();
    assertThat(Files.isDirectory(dir)).as("manifest directory %s", dir.toAbsolutePath()).isTrue();
    KubernetesManifests m = KubernetesManifests.load(dir);
    List<String> problems = new java.util.ArrayList<>(m.problems);
    problems.addAll(m.checkInvariants());
    assertThat(problems).as("schema problems and broken invariants in %s", dir).isEmpty();
    System.out.printf("%s: %d resources valid: %s%n", dir, m.resources.size(), m.resources.stream()
        .map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList());
  }

  @Test
  void theChecksCatchABrokenManifest() throws Exception {
    KubernetesManifests m = KubernetesManifests.load(Path.of("src/test/resources/broken-kubernetes"));
    List<String> broken = m.checkInvariants();
    System.out.println("broken-kubernetes: " + String.join("\n  ", m.problems) + "\n  " + String.join("\n  ", broken));
    assertThat(m.problems).anyMatch(p -> p.contains("unknown field(s) [readinesProbe]"));
    assertThat(m.problems).anyMatch(p -> p.contains("does not match the apps/v1/StatefulSet schema"));
    assertThat(broken).anyMatch(p -> p.contains("span 2 zone(s)"));
    assertThat(broken).anyMatch(p -> p.contains("readinessProbe: missing"));
    assertThat(broken).anyMatch(p -> p.contains("no PodDisruptionBudget with maxUnavailable 1"));
    assertThat(broken).anyMatch(p -> p.contains("is not on a volumeClaimTemplate"));
  }
}
