package io.shoal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks deploy/kubernetes offline, in two steps.
 *
 * <ol>
 *   <li>Schema: every YAML document is bound to fabric8's typed model of the Kubernetes API for its apiVersion and
 *       kind (an unknown kind fails); fabric8 keeps fields it does not know in {@code additionalProperties}, so any
 *       non-empty one anywhere in the tree is reported as an unknown field (a typo such as {@code readinesProbe}),
 *       and a value of the wrong type fails the binding.
 *   <li>Shoal's invariants: storage nodes are StatefulSets pinned to at least three distinct zones
 *       ({@code topology.kubernetes.io/zone}) that pass that zone to the process, keep {@code /data} on a
 *       persistent volume claim, are found through a headless Service, are updated one pod at a time (OnDelete) and
 *       covered by a PodDisruptionBudget allowing one disruption; routers are a Deployment behind a Service with a
 *       PDB; every container has a readiness probe on {@code /ready}, a liveness probe on {@code /health}, CPU and
 *       memory requests, and its pod Prometheus scrape annotations on the probed port; selectors match templates.
 * </ol>
 */
final class KubernetesManifests {
  static final String ZONE_KEY = "topology.kubernetes.io/zone";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Namespace", Namespace.class,
      "v1/Service", Service.class,
      "v1/ConfigMap", ConfigMap.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "apps/v1/Deployment", Deployment.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

  final List<HasMetadata> resources = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  /** Reads every *.yaml under {@code dir} except kustomization.yaml. */
  static KubernetesManifests load(Path dir) throws IOException {
    KubernetesManifests m = new KubernetesManifests();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(p -> !p.getFileName().toString().startsWith("kustomization")).sorted().toList();
    }
    if (files.isEmpty()) {
      m.problems.add(dir + ": no manifests");
    }
    for (Path f : files) {
      int doc = 0;
      for (JsonNode node : YAML.readerFor(JsonNode.class).<JsonNode>readValues(YAML.getFactory().createParser(
          f.toFile())).readAll()) {
        doc++;
        if (node == null || node.isNull() || node.isEmpty()) {
          continue;
        }
        m.bind(f.getFileName() + " document " + doc, node);
      }
    }
    return m;
  }

  private void bind(String where, JsonNode node) {
    String key = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
    Class<? extends HasMetadata> type = KINDS.get(key);
    if (type == null) {
      problems.add(where + ": unknown or unexpected apiVersion/kind " + key);
      return;
    }
    HasMetadata r;
    try {
      r = YAML.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(where + ": does not match the " + key + " schema: " + e.getMessage().lines().findFirst()
          .orElse(""));
      return;
    }
    String name = key + " " + (r.getMetadata() == null ? "?" : r.getMetadata().getName());
    unknownFields(where + " (" + name + ")", "", r, new HashSet<>());
    resources.add(r);
  }

  /** Walks the bound model: every non-empty additionalProperties is a field the API does not have. */
  private void unknownFields(String where, String path, Object o, Set<Object> seen) {
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.") || !seen.add(o)) {
      if (o instanceof Collection<?> c) {
        int i = 0;
        for (Object e : c) {
          unknownFields(where, path + "[" + i++ + "]", e, seen);
        }
      } else if (o instanceof Map<?, ?> map) {
        map.forEach((k, v) -> unknownFields(where, path + "." + k, v, seen));
      }
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object v;
      try {
        v = m.invoke(o);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      if (field.equals("additionalProperties")) {
        if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(where + ": unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "top level" : path));
        }
        continue;
      }
      unknownFields(where, path + "." + field, v, seen);
    }
  }

  // ---------------------------------------------------------------- Shoal's invariants

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static String env(Container c, String name) {
    return c.getEnv() == null ? null : c.getEnv().stream().filter(e -> name.equals(e.getName()))
        .map(EnvVar::getValue).filter(Objects::nonNull).findFirst().orElse(null);
  }

  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty() && labels != null
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  List<String> checkInvariants() {
    List<String> out = new ArrayList<>();
    List<StatefulSet> nodes = all(StatefulSet.class);
    List<Deployment> routers = all(Deployment.class);
    if (nodes.isEmpty()) {
      out.add("no StatefulSet for storage nodes");
    }
    if (routers.isEmpty()) {
      out.add("no Deployment for routers");
    }
    Set<String> zones = new HashSet<>();
    for (StatefulSet s : nodes) {
      String n = "StatefulSet " + s.getMetadata().getName();
      PodTemplateSpec t = s.getSpec().getTemplate();
      Map<String, String> sel = t.getSpec().getNodeSelector();
      String zone = sel == null ? null : sel.get(ZONE_KEY);
      if (zone == null) {
        out.add(n + ": not pinned to a zone (nodeSelector " + ZONE_KEY + ")");
      } else {
        zones.add(zone);
      }
      if (s.getSpec().getSelector() == null || !selects(s.getSpec().getSelector().getMatchLabels(),
          t.getMetadata().getLabels())) {
        out.add(n + ": selector does not match the pod template's labels");
      }
      if (s.getSpec().getUpdateStrategy() == null || !"OnDelete".equals(s.getSpec().getUpdateStrategy().getType())) {
        out.add(n + ": updateStrategy must be OnDelete (one storage pod at a time across zones)");
      }
      Service headless = all(Service.class).stream().filter(v -> v.getMetadata().getName().equals(
          s.getSpec().getServiceName())).findFirst().orElse(null);
      if (headless == null || !"None".equals(headless.getSpec().getClusterIP())) {
        out.add(n + ": serviceName " + s.getSpec().getServiceName() + " is not a headless Service here");
      } else if (!selects(headless.getSpec().getSelector(), t.getMetadata().getLabels())) {
        out.add(n + ": headless Service " + headless.getMetadata().getName() + " does not select its pods");
      }
      Set<String> claims = new HashSet<>();
      if (s.getSpec().getVolumeClaimTemplates() != null) {
        s.getSpec().getVolumeClaimTemplates().forEach(c -> claims.add(c.getMetadata().getName()));
      }
      for (Container c : t.getSpec().getContainers()) {
        String cn = n + " container " + c.getName();
        if (zone != null && !zone.equals(env(c, "SHOAL_ZONE"))) {
          out.add(cn + ": SHOAL_ZONE " + env(c, "SHOAL_ZONE") + " is not the zone it is pinned to (" + zone + ")");
        }
        String dataDir = env(c, "SHOAL_DATA_DIR");
        boolean persistent = dataDir != null && c.getVolumeMounts() != null && c.getVolumeMounts().stream()
            .anyMatch(m -> m.getMountPath().equals(dataDir) && claims.contains(m.getName()));
        if (!persistent) {
          out.add(cn + ": SHOAL_DATA_DIR (" + dataDir + ") is not on a volumeClaimTemplate");
        }
        checkContainer(out, cn, c, t, env(c, "SHOAL_HTTP_PORT"));
      }
      if (all(PodDisruptionBudget.class).stream().noneMatch(p -> allowsOne(p) && selects(
          p.getSpec().getSelector().getMatchLabels(), t.getMetadata().getLabels()))) {
        out.add(n + ": no PodDisruptionBudget with maxUnavailable 1 selects its pods");
      }
    }
    if (!nodes.isEmpty() && zones.size() < 3) {
      out.add("storage nodes span " + zones.size() + " zone(s) " + zones + "; three replicas need three zones");
    }
    for (Deployment d : routers) {
      String n = "Deployment " + d.getMetadata().getName();
      PodTemplateSpec t = d.getSpec().getTemplate();
      if (d.getSpec().getSelector() == null || !selects(d.getSpec().getSelector().getMatchLabels(),
          t.getMetadata().getLabels())) {
        out.add(n + ": selector does not match the pod template's labels");
      }
      if (all(Service.class).stream().noneMatch(v -> !"None".equals(v.getSpec().getClusterIP())
          && selects(v.getSpec().getSelector(), t.getMetadata().getLabels()))) {
        out.add(n + ": no Service in front of it");
      }
      if (all(PodDisruptionBudget.class).stream().noneMatch(p -> selects(p.getSpec().getSelector().getMatchLabels(),
          t.getMetadata().getLabels()))) {
        out.add(n + ": no PodDisruptionBudget selects its pods");
      }
      for (Container c : t.getSpec().getContainers()) {
        checkContainer(out, n + " container " + c.getName(), c, t, env(c, "SHOAL_ROUTER_PORT"));
      }
    }
    return out;
  }

  static boolean allowsOne(PodDisruptionBudget p) {
    IntOrString max = p.getSpec().getMaxUnavailable();
    return max != null && Integer.valueOf(1).equals(max.getIntVal());
  }

  private static void checkContainer(List<String> out, String cn, Container c, PodTemplateSpec t, String httpPort) {
    if (httpPort == null) {
      out.add(cn + ": no HTTP port setting (SHOAL_HTTP_PORT / SHOAL_ROUTER_PORT)");
      return;
    }
    probe(out, cn + " readinessProbe", c.getReadinessProbe(), "/ready", c, httpPort);
    probe(out, cn + " livenessProbe", c.getLivenessProbe(), "/health", c, httpPort);
    var req = c.getResources() == null ? null : c.getResources().getRequests();
    if (req == null || !req.containsKey("cpu") || !req.containsKey("memory")) {
      out.add(cn + ": needs cpu and memory requests");
    }
    Map<String, String> ann = t.getMetadata().getAnnotations();
    if (ann == null || !"true".equals(ann.get("prometheus.io/scrape")) || !httpPort.equals(ann.get("prometheus.io/port"))
        || !"/metrics".equals(ann.get("prometheus.io/path"))) {
      out.add(cn + ": pod needs prometheus.io/scrape \"true\", prometheus.io/port \"" + httpPort
          + "\" and prometheus.io/path /metrics");
    }
  }

  private static void probe(List<String> out, String what, Probe p, String path, Container c, String port) {
    if (p == null || p.getHttpGet() == null) {
      out.add(what + ": missing (HTTP GET " + path + ")");
      return;
    }
    if (!path.equals(p.getHttpGet().getPath())) {
      out.add(what + ": path " + p.getHttpGet().getPath() + ", expected " + path);
    }
    IntOrString target = p.getHttpGet().getPort();
    String resolved = target == null ? null : target.getIntVal() != null ? target.getIntVal().toString()
        : c.getPorts() == null ? null : c.getPorts().stream().filter(cp -> target.getStrVal().equals(cp.getName()))
            .map(cp -> cp.getContainerPort().toString()).findFirst().orElse(null);
    if (!port.equals(resolved)) {
      out.add(what + ": port " + (target == null ? null : target.getStrVal() != null ? target.getStrVal()
          : target.getIntVal()) + " is not the process's HTTP port " + port);
    }
  }
}
