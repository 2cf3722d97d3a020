package io.shoal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.admin.check.HistoryRecorder;
import io.shoal.admin.check.Op;
import io.shoal.admin.check.Outcome;
import io.shoal.admin.check.ReplicaAgreement;
import io.shoal.admin.check.SetChecker;
import io.shoal.admin.check.SetResult;
import io.shoal.core.key.KeyCodec;
import io.shoal.core.partition.PartitionHash;
import io.shoal.core.partition.PartitionRouter;
import io.shoal.proto.ClusterView;
import io.shoal.proto.GroupDigestResponse;
import io.shoal.proto.GroupLeader;
import io.shoal.proto.ScalarType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Shoal in containers (issue #8): three storage nodes in zones a/b/c (also the metadata group) and a router, as
 * containers of the project's own image on a user-defined network ({@link DockerCluster}), driven by the AWS SDK
 * for Java v2. Each scenario runs a small recorded write load (one writer per group, distinct keys) through one fault and ends with the
 * same verdict: every acknowledged write is in a final consistent Scan ({@link SetChecker}) and every group's
 * replicas agree ({@link ReplicaAgreement}). The report prints each scenario's write unavailability (longest gap
 * between acknowledged writes to one group after the fault) and lost-write count.
 *
 * <p>Needs a Docker engine: without one the suite is skipped, unless {@code -Dshoal.docker.required=true} (set by
 * .ci/run, which starts an engine) turns that into a failure. The image is built from the reactor's jars by
 * deploy/docker/build.sh first, unless {@code -Dshoal.image=TAG} names one to use as it is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerClusterIT {
  /** Attempt timeout of the load's client: bounds how much of a measured gap is the client's own waiting. */
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(2);
  static final int ELECTION_TIMEOUT_MS = 1000;
  static DockerCluster cluster;
  static ClusterProbe probe;
  static DynamoDbClient admin;
  static final List<String> REPORT = new ArrayList<>();

  record Result(String scenario, double unavailableSecs, int unavailableGroup, int acknowledged, int lost,
      int clientErrors, Map<String, Long> errorTypes) {
    String line() {
      return String.format("%-28s write unavailability %5.2f s (group g%d), %6d acknowledged writes, %d "
          + "acknowledged writes lost, %d client-visible errors %s", scenario, unavailableSecs, unavailableGroup,
          acknowledged, lost, clientErrors, errorTypes.isEmpty() ? "" : errorTypes);
    }
  }

  /** Why the suite cannot run here (no Docker engine), or null. */
  static String skipReason;

  @BeforeAll
  static void up() throws Exception {
    skipReason = requireDocker();
    if (skipReason != null) {
      return;
    }
    String image = System.getProperty("shoal.image");
    if (image == null || image.isBlank()) {
      image = "shoal:it";
      buildImage(image);
    }
    long t0 = System.nanoTime();
    cluster = new DockerCluster(image, Path.of("target", "docker-logs").toAbsolutePath(), ELECTION_TIMEOUT_MS)
        .start(Duration.ofMinutes(3));
    System.out.printf("[containers] cluster %s (image %s) ready in %.1f s: every container answered /ready%n",
        cluster.prefix, image, (System.nanoTime() - t0) / 1e9);
    probe = new ClusterProbe(cluster.seeds(), cluster::dial);
    admin = client(true, Duration.ofSeconds(20));
  }

  @AfterAll
  static void down() {
    if (!REPORT.isEmpty()) {
      System.out.println("[containers] ==== report ====");
      REPORT.forEach(l -> System.out.println("[containers] " + l));
    }
    if (admin != null) {
      admin.close();
    }
    if (probe != null) {
      probe.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Each scenario is reported SKIPPED, with the reason, where no Docker engine answers. */
  @BeforeEach
  void skipWithoutDocker() {
    Assumptions.assumeTrue(skipReason == null, skipReason);
  }

  /**
   * Null when a Docker engine answers; otherwise the reason to skip, or a failure under
   * -Dshoal.docker.required=true.
   */
  static String requireDocker() {
    boolean available;
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      available = false;
    }
    if (!available) {
      String msg = "no Docker engine reachable, so the container suite (ContainerClusterIT) does not run; "
          + "deploy/docker/engine.sh start provides one (.ci/run does)";
      if (Boolean.getBoolean("shoal.docker.required")) {
        Assertions.fail(msg + "; -Dshoal.docker.required=true makes this a failure");
      }
      System.out.println("[containers] SKIPPED: " + msg);
      return msg;
    }
    return null;
  }

  static void buildImage(String tag) throws Exception {
    Path repo = Path.of(System.getProperty("shoal.repo", "..")).toAbsolutePath().normalize();
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(repo.resolve("deploy/docker/build.sh").toString(), "--skip-build", "--tag", tag)
        .redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (line.startsWith("image ")) {
          System.out.println("[containers] " + line);
        }
      }
    }
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("deploy/docker/build.sh failed:\n%s", out).isZero();
    System.out.printf("[containers] image %s built in %.1f s%n", tag, (System.nanoTime() - t0) / 1e9);
  }

  static DynamoDbClient client(boolean sdkRetries, Duration callTimeout) {
    ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(callTimeout);
    if (sdkRetries) {
      // The SDK's standard retries with more attempts (10) and no retry quota, so a router restart (a few seconds
      // of refused connections) is absorbed the way a patient production client would absorb it.
      config.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10)
          .circuitBreakerEnabled(false).build());
    } else {
      config.retryStrategy(AwsRetryStrategy.doNotRetry());
    }
    return DynamoDbClient.builder().endpointOverride(URI.create(cluster.endpoint())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("shoal", "shoal")))
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(30)).build())
        .overrideConfiguration(config.build()).build();
  }

  // ---------------------------------------------------------------- scenarios

  @Test
  @Order(1)
  void killNineANodeAndStartItAgainOnTheSameVolume() throws Exception {
    scenario("kill -9 + restart", false, () -> {
      String victim = busiestLeader();
      System.out.println("[containers] docker kill " + victim);
      cluster.kill(victim);
      assertThat(cluster.exitCode(victim)).isEqualTo(137L);
      DockerCluster.sleep(5000);
      cluster.startAgain(victim);
      cluster.awaitReady(victim, Duration.ofMinutes(2));
    });
  }

  @Test
  @Order(2)
  void pauseTheBusiestNodeForLongerThanTheElectionTimeout() throws Exception {
    scenario("docker pause (5 s)", false, () -> {
      String victim = busiestLeader();
      System.out.println("[containers] docker pause " + victim);
      System.out.println("[containers] " + victim + " stopped by " + cluster.pause(victim));
      DockerCluster.sleep(5L * ELECTION_TIMEOUT_MS);
      cluster.unpause(victim);
      cluster.awaitReady(victim, Duration.ofMinutes(2));
    });
  }

  @Test
  @Order(3)
  void disconnectAWholeZoneAndReconnectIt() throws Exception {
    scenario("zone disconnected (8 s)", false, () -> {
      String victim = busiestLeader();
      String zone = DockerCluster.ZONES.get(DockerCluster.NODES.indexOf(victim));
      System.out.println("[containers] docker network disconnect zone " + zone + " (" + victim + ")");
      cluster.disconnect(victim);
      DockerCluster.sleep(8000);
      cluster.connect(victim);
      cluster.awaitReady(victim, Duration.ofMinutes(2));
    });
  }

  @Test
  @Order(4)
  void rollingRestartWithGracefulDrainShowsClientsNoErrors() throws Exception {
    Result r = scenario("rolling restart (drain)", true, () -> {
      for (String c : cluster.all()) {
        long t0 = System.nanoTime();
        cluster.stop(c, 30);
        long stopped = System.nanoTime();
        Long exit = cluster.exitCode(c);
        cluster.startAgain(c);
        cluster.awaitReady(c, Duration.ofMinutes(2));
        // One at a time, as a PodDisruptionBudget of maxUnavailable 1 allows: the next only when all are ready.
        cluster.awaitAllReady(Duration.ofMinutes(2));
        System.out.printf("[containers] %s: docker stop took %.1f s (exit %d), back and ready after %.1f s%n", c,
            (stopped - t0) / 1e9, exit, (System.nanoTime() - stopped) / 1e9);
        assertThat(exit).as("exit code of %s after SIGTERM (143 = stopped by the signal after a drain)", c)
            .isIn(0L, 143L);
      }
    });
    assertThat(r.clientErrors()).as("client-visible errors after SDK retries: %s", r.errorTypes()).isZero();
  }

  // ---------------------------------------------------------------- the shared drill

  interface Fault {
    void run() throws Exception;
  }

  String busiestLeader() {
    ClusterView v = probe.view().orElseThrow(() -> new IllegalStateException("no metadata leader answered"));
    Map<String, Long> leaders = v.getLeadersList().stream()
        .collect(Collectors.groupingBy(GroupLeader::getNodeId, Collectors.counting()));
    System.out.println("[containers] leaders per node: " + new TreeMap<>(leaders));
    return leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  Result scenario(String name, boolean sdkRetries, Fault fault) throws Exception {
    String table = "ct_" + name.replaceAll("[^A-Za-z0-9]+", "_");
    admin.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S)
            .build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    long tableId = tableId(table);
    PartitionRouter router = new PartitionRouter(probe.view().orElseThrow().getPartitionMap());

    HistoryRecorder rec = new HistoryRecorder();
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    // One writer per group, writing only keys of its group: a group that cannot take writes stalls its own writer,
    // not the others, so each group's longest gap measures that group's unavailability.
    List<Integer> groups = probe.view().orElseThrow().getPartitionMap().getGroupsList().stream()
        .map(io.shoal.proto.GroupInfo::getId).sorted().toList();
    ExecutorService pool = Executors.newFixedThreadPool(groups.size());
    long faultNanos;
    try (DynamoDbClient ddb = client(sdkRetries, LOAD_TIMEOUT)) {
      for (int w = 0; w < groups.size(); w++) {
        int writer = w;
        int group = groups.get(w);
        pool.submit(() -> write(ddb, table, writer, k -> groupOf(k, tableId, router) == group, rec, errors, stop));
      }
      DockerCluster.sleep(3000);
      faultNanos = System.nanoTime();
      try {
        fault.run();
        cluster.awaitAllReady(Duration.ofMinutes(2));
        DockerCluster.sleep(3000);
      } finally {
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
      }
    }

    List<Op> history = rec.history();
    SetResult set = SetChecker.check(history, scanAll(table));
    ReplicaAgreement.Report agreement = awaitAgreement(Duration.ofSeconds(90));
    double[] worst = longestGap(history, faultNanos, tableId, router);
    int clientErrors = (int) history.stream().filter(o -> o.outcome() != Outcome.OK).count();
    Map<String, Long> types = new TreeMap<>();
    errors.forEach((k, v) -> types.put(k, v.sum()));
    Result r = new Result(name, worst[0], (int) worst[1], set.acknowledged(), set.lost().size(), clientErrors, types);
    REPORT.add(r.line());
    System.out.println("[containers] " + r.line());
    System.out.println("[containers] set check: " + set);
    System.out.println("[containers] " + agreement.toString().replace("\n", "\n[containers] "));
    assertThat(set.acknowledged()).as("acknowledged writes").isPositive();
    assertThat(set.ok()).as("every acknowledged write readable: %s", set).isTrue();
    assertThat(agreement.allAgree()).as("replicas of every group agree: %s", agreement).isTrue();
    return r;
  }

  /** The table's id from the metadata group, asking again while it elects or answers slowly. */
  static long tableId(String table) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return probe.table(table).getId();
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        DockerCluster.sleep(500);
      }
    }
  }

  static int groupOf(String key, long tableId, PartitionRouter router) {
    return router.groupFor(PartitionHash.hash(tableId, KeyCodec.partitionKeyBytes(ScalarType.S,
        io.shoal.proto.AttributeValue.newBuilder().setS(key).build()))).getId();
  }

  static void write(DynamoDbClient ddb, String table, int writer, java.util.function.Predicate<String> mine,
      HistoryRecorder rec, Map<String, LongAdder> errors, AtomicBoolean stop) {
    for (int i = 0; !stop.get(); i++) {
      String pk = "w" + writer + "-" + i;
      if (!mine.test(pk)) {
        continue;
      }
      HistoryRecorder.Handle h = rec.put(writer, pk, pk);
      try {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
            "payload", AttributeValue.fromS("x".repeat(100)))));
        h.ok();
      } catch (RuntimeException e) {
        // A 4xx other than throttling is a definite failure; anything else (5xx, timeout, connection) is unknown.
        boolean definite = e instanceof DynamoDbException d && d.statusCode() >= 400 && d.statusCode() < 500
            && !d.isThrottlingException();
        if (definite) {
          h.fail();
        } else {
          h.info();
        }
        String type = e.getClass().getSimpleName() + (e instanceof DynamoDbException d && d.awsErrorDetails() != null
            ? " " + d.awsErrorDetails().errorCode() : "");
        errors.computeIfAbsent(type, k -> new LongAdder()).increment();
        DockerCluster.sleep(50);
      }
    }
  }

  static List<String> scanAll(String table) {
    List<String> keys = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse r = admin.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
      r.items().forEach(i -> keys.add(i.get("pk").s()));
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return keys;
  }

  /** {longest gap in seconds, its group}: per group, the longest time after the fault without an acknowledged write. */
  static double[] longestGap(List<Op> history, long faultNanos, long tableId, PartitionRouter router) {
    Map<Integer, List<Long>> acks = new HashMap<>();
    for (Op op : history) {
      if (op.outcome() == Outcome.OK && op.completeNanos() >= faultNanos) {
        acks.computeIfAbsent(groupOf(op.key(), tableId, router), g -> new ArrayList<>()).add(op.completeNanos());
      }
    }
    double[] worst = {0, 0};
    acks.forEach((g, times) -> {
      times.sort(Long::compare);
      long previous = faultNanos;
      for (long t : times) {
        if ((t - previous) / 1e9 > worst[0]) {
          worst[0] = (t - previous) / 1e9;
          worst[1] = g;
        }
        previous = t;
      }
    });
    return worst;
  }

  static ReplicaAgreement.Report awaitAgreement(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReplicaAgreement.Report report = null;
    while (System.nanoTime() < deadline) {
      ClusterView v = probe.view().orElse(null);
      if (v != null) {
        Map<String, Map<String, ReplicaAgreement.Digest>> reports = new TreeMap<>();
        probe.digests(v).forEach((g, list) -> {
          Map<String, ReplicaAgreement.Digest> byNode = new TreeMap<>();
          for (GroupDigestResponse d : list) {
            byNode.put(d.getNodeId(), new ReplicaAgreement.Digest(d.hasError() ? -1 : d.getAppliedIndex(),
                (d.hasError() ? "error" : d.getChecksum()).getBytes(StandardCharsets.UTF_8)));
          }
          reports.put("g" + g, byNode);
        });
        report = ReplicaAgreement.compare(reports);
        if (report.allAgree() || !report.disagreeing().isEmpty()) {
          return report;
        }
      }
      DockerCluster.sleep(500);
    }
    return report == null ? ReplicaAgreement.compare(Map.of()) : report;
  }
}
