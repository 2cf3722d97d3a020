package io.shoal.chaos;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * A Shoal cluster as containers of the project's image on one user-defined Docker network: nodes n1..n3 in zones
 * a, b, c (each also a metadata replica) and one router. Containers are addressed by network alias inside the
 * network (as StatefulSet pods are by DNS name) and have pinned addresses from a 198.18.x.0/24 subnet, so the test
 * on the host reaches each one directly, before and after a restart or a reconnect. No port is published.
 *
 * <p>Faults go through the Docker API: {@code docker kill} (SIGKILL), {@code docker stop} (SIGTERM, graceful
 * drain), {@code docker pause} (or SIGSTOP, see {@link #pause}), {@code docker network disconnect/connect}.
 * Each node keeps its data on a named volume, so a restarted container comes back with its Raft log and items.
 */
final class DockerCluster implements AutoCloseable {
  static final int RAFT = 7101;
  static final int GRPC = 7201;
  static final int HTTP = 7301;
  static final int API = 8000;
  static final List<String> NODES = List.of("n1", "n2", "n3");
  static final List<String> ZONES = List.of("a", "b", "c");
  static final String ROUTER = "router";

  final String image;
  final String prefix;
  final int electionTimeoutMs;
  private final DockerClient docker = DockerClientFactory.instance().client();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path logDir;
  private String networkId;
  private String subnetPrefix;
  /** alias -> container id, in start order. */
  private final Map<String, String> containers = new LinkedHashMap<>();
  private static final int PAUSE_ATTEMPTS = 3;
  /** Containers whose JVM {@link #pause} stopped with SIGSTOP because the freezer refused. */
  private final Set<String> stopped = new HashSet<>();

  DockerCluster(String image, Path logDir, int electionTimeoutMs) {
    this.image = image;
    this.logDir = logDir;
    this.electionTimeoutMs = electionTimeoutMs;
    this.prefix = "shoal-it-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Creates the network and every container, and waits until every process answers /ready. */
  DockerCluster start(Duration timeout) throws Exception {
    createNetwork();
    String metaPeers = String.join(",", NODES.stream().map(n -> n + ":" + RAFT).toList());
    String seeds = String.join(",", NODES.stream().map(n -> n + ":" + GRPC).toList());
    for (int i = 0; i < NODES.size(); i++) {
      String n = NODES.get(i);
      create(n, ipOf(n), List.of("@node"), List.of(
          "SHOAL_NODE_ID=" + n, "SHOAL_ZONE=" + ZONES.get(i), "SHOAL_HOST=" + n, "SHOAL_BIND_HOST=0.0.0.0",
          "SHOAL_DATA_DIR=/data", "SHOAL_META_PEERS=" + metaPeers, "SHOAL_SEEDS=" + seeds,
          "SHOAL_HTTP_PORT=" + HTTP, "SHOAL_ELECTION_TIMEOUT_MS=" + electionTimeoutMs,
          "JAVA_TOOL_OPTIONS=-Xmx384m -XX:TieredStopAtLevel=1"), prefix + "-" + n);
    }
    create(ROUTER, ipOf(ROUTER), List.of("@router"), List.of("SHOAL_ROUTER_HOST=0.0.0.0",
        "SHOAL_ROUTER_PORT=" + API, "SHOAL_SEEDS=" + seeds, "SHOAL_ROUTER_DRAIN_DELAY_MS=500",
        "JAVA_TOOL_OPTIONS=-Xmx256m -XX:TieredStopAtLevel=1"), null);
    for (String c : containers.keySet()) {
      docker.startContainerCmd(containers.get(c)).exec();
    }
    awaitAllReady(timeout);
    return this;
  }

  private void createNetwork() {
    // A /24 of 198.18.128.0/17 nobody else uses (the engine's default pool hands out 198.18.0-127.x).
    Random rnd = new Random();
    RuntimeException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      subnetPrefix = "198.18." + (128 + rnd.nextInt(126)) + ".";
      try {
        networkId = docker.createNetworkCmd().withName(prefix).withDriver("bridge")
            .withOptions(Map.of("com.docker.network.bridge.host_binding_ipv4", "127.0.0.1"))
            .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnetPrefix + "0/24")
                .withGateway(subnetPrefix + "1")))
            .exec().getId();
        return;
      } catch (RuntimeException e) {
        last = e; // subnet taken: try another
      }
    }
    throw last;
  }

  private void create(String alias, String ip, List<String> cmd, List<String> env, String volume) {
    HostConfig host = HostConfig.newHostConfig().withNetworkMode(prefix).withMemory(768L * 1024 * 1024);
    if (volume != null) {
      host.withBinds(new Bind(volume, new Volume("/data")));
    }
    String id = docker.createContainerCmd(image).withName(prefix + "-" + alias).withHostName(alias)
        .withCmd(cmd).withEnv(env).withHostConfig(host).withAliases(alias).withIpv4Address(ip)
        .withLabels(Map.of("io.shoal.test", prefix)).exec().getId();
    containers.put(alias, id);
  }

  String ipOf(String alias) {
    int i = alias.equals(ROUTER) ? 10 : 10 + Integer.parseInt(alias.substring(1));
    return subnetPrefix + i;
  }

  String endpoint() {
    return "http://" + ipOf(ROUTER) + ":" + API;
  }

  /** Seeds for {@link ClusterProbe}, as the host dials them. */
  List<String> seeds() {
    return NODES.stream().map(n -> ipOf(n) + ":" + GRPC).toList();
  }

  /** Translates an address the cluster advertises (alias:port) into one the host can dial (ip:port). */
  String dial(String advertised) {
    int colon = advertised.lastIndexOf(':');
    String host = advertised.substring(0, colon);
    return (NODES.contains(host) || host.equals(ROUTER) ? ipOf(host) : host) + advertised.substring(colon);
  }

  // ---------------------------------------------------------------- faults

  /** {@code docker kill}: SIGKILL, no drain. */
  void kill(String alias) {
    docker.killContainerCmd(containers.get(alias)).exec();
    awaitState(alias, false);
  }

  /** {@code docker stop}: SIGTERM (graceful drain), SIGKILL after {@code graceSecs}. */
  void stop(String alias, int graceSecs) {
    docker.stopContainerCmd(containers.get(alias)).withTimeout(graceSecs).exec();
    awaitState(alias, false);
  }

  /** {@code docker start} of the same container: same address, alias, volume and settings. */
  void startAgain(String alias) {
    docker.startContainerCmd(containers.get(alias)).exec();
  }

  /**
   * {@code docker pause}; returns how the container was stopped. runc's cgroup freezer gives up ("unable to
   * freeze") when a task stays in uninterruptible sleep, such as a long fsync on a loaded CI disk, so a refused
   * freeze is tried again, and then the container's JVM (its PID 1) is stopped with SIGSTOP instead: the same
   * fault for the cluster, a process that keeps its sockets and answers nothing. {@link #unpause} undoes either.
   */
  String pause(String alias) {
    String id = containers.get(alias);
    RuntimeException refused = null;
    for (int attempt = 1; attempt <= PAUSE_ATTEMPTS; attempt++) {
      try {
        docker.pauseContainerCmd(id).exec();
        return "docker pause";
      } catch (RuntimeException e) {
        refused = e;
        System.out.println("[containers] docker pause " + alias + " refused (attempt " + attempt + "): "
            + e.getMessage());
        sleep(300);
      }
    }
    try {
      docker.killContainerCmd(id).withSignal("SIGSTOP").exec();
    } catch (RuntimeException e) {
      e.addSuppressed(refused);
      throw e;
    }
    stopped.add(alias);
    return "SIGSTOP (the freezer refused " + PAUSE_ATTEMPTS + " times)";
  }

  void unpause(String alias) {
    if (stopped.remove(alias)) {
      docker.killContainerCmd(containers.get(alias)).withSignal("SIGCONT").exec();
    } else {
      docker.unpauseContainerCmd(containers.get(alias)).exec();
    }
  }

  /** {@code docker network disconnect}: the container keeps running but reaches nobody and nobody reaches it. */
  void disconnect(String alias) {
    docker.disconnectFromNetworkCmd().withNetworkId(networkId).withContainerId(containers.get(alias)).withForce(true)
        .exec();
  }

  /** {@code docker network connect} with the same address and alias. */
  void connect(String alias) {
    docker.connectToNetworkCmd().withNetworkId(networkId).withContainerId(containers.get(alias))
        .withContainerNetwork(new ContainerNetwork().withAliases(alias)
            .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ipOf(alias))))
        .exec();
  }

  /** Exit code of a stopped container (137 after SIGKILL, 143 or 0 after a drained SIGTERM). */
  Long exitCode(String alias) {
    return docker.inspectContainerCmd(containers.get(alias)).exec().getState().getExitCodeLong();
  }

  private void awaitState(String alias, boolean running) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      InspectContainerResponse.ContainerState s = docker.inspectContainerCmd(containers.get(alias)).exec().getState();
      if (Boolean.TRUE.equals(s.getRunning()) == running) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException(alias + " did not " + (running ? "start" : "stop") + " within 60 s");
  }

  // ---------------------------------------------------------------- readiness

  String readyUrl(String alias) {
    return "http://" + ipOf(alias) + ":" + (alias.equals(ROUTER) ? API : HTTP) + "/ready";
  }

  /** The body of GET /ready, or the reason there was none. */
  String ready(String alias) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(readyUrl(alias)))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? "ready" : r.body().strip();
    } catch (IOException e) {
      return "unreachable (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  void awaitReady(String alias, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ready(alias);
      if (last.equals("ready")) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException(alias + " not ready after " + timeout.toSeconds() + " s: " + last);
  }

  void awaitAllReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String c : containers.keySet()) {
      awaitReady(c, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
  }

  List<String> all() {
    return new ArrayList<>(containers.keySet());
  }

  // ---------------------------------------------------------------- teardown

  /** Saves every container's log under the log directory (kept for a failed run's post-mortem). */
  void saveLogs() {
    for (Map.Entry<String, String> c : containers.entrySet()) {
      StringBuilder out = new StringBuilder();
      try {
        docker.logContainerCmd(c.getValue()).withStdOut(true).withStdErr(true).withTimestamps(true)
            .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
              @Override
              public void onNext(com.github.dockerjava.api.model.Frame f) {
                out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
              }
            }).awaitCompletion(20, TimeUnit.SECONDS);
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve(c.getKey() + ".log"), out);
      } catch (Exception e) {
        System.out.println("[docker] could not save the log of " + c.getKey() + ": " + e);
      }
    }
  }

  @Override
  public void close() {
    saveLogs();
    for (String id : containers.values()) {
      try {
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException e) {
        System.out.println("[docker] could not remove container " + id + ": " + e);
      }
    }
    for (String n : NODES) {
      try {
        docker.removeVolumeCmd(prefix + "-" + n).exec();
      } catch (RuntimeException e) {
        // never created
      }
    }
    if (networkId != null) {
      try {
        docker.removeNetworkCmd(networkId).exec();
      } catch (RuntimeException e) {
        System.out.println("[docker] could not remove network " + prefix + ": " + e);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
