package io.shoal.chaos.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.admin.check.HistoryJson;
import io.shoal.admin.check.HistoryRecorder;
import io.shoal.admin.check.KeyResult;
import io.shoal.admin.check.LinearizabilityChecker;
import io.shoal.admin.check.LinearizabilityResult;
import io.shoal.admin.check.Op;
import io.shoal.admin.check.OpKind;
import io.shoal.admin.check.Outcome;
import io.shoal.admin.check.ReplicaAgreement;
import io.shoal.admin.check.SetChecker;
import io.shoal.admin.check.SetResult;
import io.shoal.admin.check.Verdict;
import io.shoal.proto.ClusterView;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The recorded workload and the verdicts every drill shares: register clients (unique puts, consistent gets,
 * conditional puts on a handful of keys) and set clients (puts of distinct keys) run against a cluster while a
 * {@link NemesisSchedule} injects faults; afterwards the final state is read with consistent reads and a
 * consistent scan, and the drill asserts that every key's history is linearizable (UNKNOWN fails), that no
 * acknowledged set element is lost and that every group's replicas agree. A failed drill saves both histories as
 * JSON lines under {@code target/} and prints the seed.
 */
final class Drill {
  static final String REG = "chaos_reg";
  static final String SET = "chaos_set";
  static final int REG_CLIENTS = 6;
  static final int SET_CLIENTS = 2;
  static final List<String> KEYS = List.of("r0", "r1", "r2", "r3", "r4");
  /** Why operations ended FAIL or INFO: exception class plus HTTP status and error code. */
  static final Map<String, java.util.concurrent.atomic.LongAdder> ERRORS = new java.util.concurrent.ConcurrentHashMap<>();

  static void countError(RuntimeException e) {
    String k = e.getClass().getSimpleName();
    if (e instanceof DynamoDbException d) {
      k += " " + d.statusCode() + (d.awsErrorDetails() == null ? "" : " " + d.awsErrorDetails().errorCode());
    } else if (e.getCause() != null) {
      k += " (" + e.getCause().getClass().getSimpleName() + ")";
    }
    ERRORS.computeIfAbsent(k, x -> new java.util.concurrent.atomic.LongAdder()).increment();
    // Back off a little, as a real client would: a refused connection otherwise fails in microseconds and floods
    // the history with thousands of INFO operations that say nothing new.
    try {
      Thread.sleep(50);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  private Drill() {}

  /** What one drill saw and the three verdicts, before anything is asserted. */
  record Result(String name, long seed, List<Op> registerHistory, List<Op> setHistory, LinearizabilityResult lin,
      SetResult set, ReplicaAgreement.Report agreement, List<NemesisSchedule.Applied> applied) {

    /** Every key linearizable (UNKNOWN fails), none lost, replicas agree, every fault applied. */
    void assertClean() {
      for (KeyResult kr : lin.keys().values()) {
        assertThat(kr.verdict()).as("key %s: %s", kr.key(), kr.verdict() == Verdict.UNKNOWN
            ? "checker budget ran out (UNKNOWN): the history is too hard to decide, which fails the drill"
            : kr.explanation()).isEqualTo(Verdict.LINEARIZABLE);
      }
      assertThat(lin.keys().keySet()).as("keys checked").containsAll(KEYS);
      assertThat(set.ok()).as("set check: %s", set).isTrue();
      assertThat(agreement.allAgree()).as("%s", agreement).isTrue();
      assertThat(agreement.groups()).as("groups compared").isNotEmpty();
      assertThat(applied.stream().filter(x -> x.error() != null).toList()).as("faults that could not be applied")
          .isEmpty();
    }

    /** Writes both histories as JSON lines under {@code dir} and says where. */
    void save(Path dir) throws java.io.IOException {
      Path regFile = dir.resolve("history-register-" + seed + ".jsonl");
      Path setFile = dir.resolve("history-set-" + seed + ".jsonl");
      HistoryJson.write(registerHistory, regFile);
      HistoryJson.write(setHistory, setFile);
      System.out.println("[drill] " + name + " histories (seed " + seed + ", replay: -Dshoal.chaos.seed=" + seed
          + ") saved to " + regFile + " and " + setFile);
    }
  }

  static Path workDir() throws java.io.IOException {
    Path work = Path.of("target", "netns-drill").toAbsolutePath();
    Files.createDirectories(work);
    return work;
  }

  /**
   * Starts a cluster ({@code clusterFactory}), plans faults with {@code planner} on a schedule seeded from
   * {@code -Dshoal.chaos.seed}, runs the workload through them and asserts the three checks; a failed drill saves
   * its histories and prints the seed.
   */
  static void run(String name, Function<Path, NetnsCluster> clusterFactory,
      java.util.function.BiConsumer<NetnsCluster, NemesisSchedule> planner) throws Exception {
    Result r = execute(name, NemesisSchedule.seedFromProperty(), clusterFactory, planner);
    try {
      r.assertClean();
    } catch (AssertionError e) {
      r.save(workDir());
      System.out.println("[drill] " + name + " FAILED with seed " + r.seed());
      throw e;
    }
  }

  /** Runs the drill with {@code seed} and reports it; asserts nothing (a broken build's drill must fail checks). */
  static Result execute(String name, long seed, Function<Path, NetnsCluster> clusterFactory,
      java.util.function.BiConsumer<NetnsCluster, NemesisSchedule> planner) throws Exception {
    ERRORS.clear();
    System.out.println("[drill] " + name + " seed " + seed + " (replay with -Dshoal.chaos.seed=" + seed + ")");
    Path work = workDir();
    HistoryRecorder reg = new HistoryRecorder();
    HistoryRecorder set = new HistoryRecorder();
    boolean finished = false;
    long t0 = System.nanoTime();
    try (NetnsCluster c = clusterFactory.apply(work);
        DynamoDbClient admin = client(c.endpoint(), 2, Duration.ofSeconds(10));
        DynamoDbClient ddb = client(c.endpoint(), 0, Duration.ofMillis(2500))) {
      System.out.printf("[drill] cluster %s up in %.1fs, endpoint %s, logs in %s%n", c.prefix(),
          (System.nanoTime() - t0) / 1e9, c.endpoint(), c.logDir());
      createTable(admin, REG);
      createTable(admin, SET);

      NemesisSchedule schedule = new NemesisSchedule(seed, c.electionTimeoutMs());
      planner.accept(c, schedule);

      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(REG_CLIENTS + SET_CLIENTS);
      long load0 = System.nanoTime();
      for (int p = 0; p < REG_CLIENTS; p++) {
        int process = p;
        long clientSeed = seed * 31 + p;
        pool.submit(() -> registerClient(ddb, reg, process, new Random(clientSeed), stop));
      }
      for (int p = 0; p < SET_CLIENTS; p++) {
        int process = REG_CLIENTS + p;
        pool.submit(() -> setClient(ddb, set, process, stop));
      }
      Thread.sleep(5000);
      List<NemesisSchedule.Applied> applied;
      try {
        applied = schedule.run(load0, () -> {
          try {
            c.awaitHealthy(Duration.ofSeconds(30));
          } catch (IllegalStateException e) {
            System.out.println("[drill] not healthy before the next fault (going on): " + e.getMessage());
          }
        });
        Thread.sleep(5000);
      } finally {
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
      }
      double loadSec = (System.nanoTime() - load0) / 1e9;

      c.awaitHealthy(Duration.ofSeconds(120));
      // Final state, read with consistent reads (recorded like any other read) and a consistent scan.
      for (String k : KEYS) {
        for (int attempt = 0; attempt < 20; attempt++) {
          if (get(admin, reg, 100, k).isPresent()) {
            break;
          }
          Thread.sleep(500);
        }
      }
      List<String> elements = scanAll(admin);

      List<Op> regHistory = reg.history();
      List<Op> setHistory = set.history();
      LinearizabilityResult lin = LinearizabilityChecker.register().check(regHistory);
      SetResult setResult = SetChecker.check(setHistory, elements);
      ReplicaAgreement.Report agreement = awaitAgreement(c, Duration.ofSeconds(90));

      report(name, c, applied, regHistory, setHistory, loadSec, load0, lin, setResult, agreement);
      finished = true;
      return new Result(name, seed, regHistory, setHistory, lin, setResult, agreement, applied);
    } finally {
      if (!finished) {
        new Result(name, seed, reg.history(), set.history(), null, null, null, List.of()).save(work);
        System.out.println("[drill] " + name + " did not finish (seed " + seed + ")");
      }
    }
  }

  // ---------------------------------------------------------------- workloads

  static void registerClient(DynamoDbClient ddb, HistoryRecorder rec, int process, Random rnd, AtomicBoolean stop) {
    Map<String, String> lastRead = new HashMap<>();
    int n = 0;
    while (!stop.get()) {
      String key = KEYS.get(rnd.nextInt(KEYS.size()));
      int dice = rnd.nextInt(100);
      if (dice < 40) {
        get(ddb, rec, process, key).ifPresent(v -> lastRead.put(key, v.orElse(null)));
      } else if (dice < 75) {
        String value = "p" + process + "-" + n++;
        HistoryRecorder.Handle h = rec.put(process, key, value);
        complete(h, () -> ddb.putItem(b -> b.tableName(REG).item(item(key, value))));
      } else {
        String value = "p" + process + "-" + n++;
        String expected = lastRead.get(key);
        HistoryRecorder.Handle h = rec.cas(process, key, expected, value);
        PutItemRequest.Builder b = PutItemRequest.builder().tableName(REG).item(item(key, value));
        if (expected == null) {
          b.conditionExpression("attribute_not_exists(pk)");
        } else {
          b.conditionExpression("v = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(expected)));
        }
        PutItemRequest req = b.build();
        if (complete(h, () -> ddb.putItem(req))) {
          lastRead.put(key, value);
        }
      }
    }
  }

  static void setClient(DynamoDbClient ddb, HistoryRecorder rec, int process, AtomicBoolean stop) {
    for (int n = 0; !stop.get(); n++) {
      String element = "s" + process + "-" + n;
      HistoryRecorder.Handle h = rec.add(process, "set", element);
      complete(h, () -> ddb.putItem(b -> b.tableName(SET).item(Map.of("pk", AttributeValue.fromS(element)))));
    }
  }

  static Map<String, AttributeValue> item(String key, String value) {
    return Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromS(value));
  }

  /** Runs a write and records OK / FAIL (condition failed, validation) / INFO (anything else); true if OK. */
  static boolean complete(HistoryRecorder.Handle h, Runnable write) {
    try {
      write.run();
      h.ok();
      return true;
    } catch (ConditionalCheckFailedException e) {
      h.fail();
    } catch (DynamoDbException e) {
      countError(e);
      if ("ValidationException".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
        h.fail();
      } else {
        h.info();
      }
    } catch (RuntimeException e) {
      countError(e);
      h.info();
    }
    return false;
  }

  /** A recorded consistent read; empty when it did not complete (INFO), else the value (inner empty = absent). */
  static Optional<Optional<String>> get(DynamoDbClient ddb, HistoryRecorder rec, int process, String key) {
    HistoryRecorder.Handle h = rec.get(process, key);
    try {
      GetItemResponse r = ddb.getItem(b -> b.tableName(REG).consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS(key))));
      String v = r.hasItem() && r.item().containsKey("v") ? r.item().get("v").s() : null;
      h.ok(v);
      return Optional.of(Optional.ofNullable(v));
    } catch (RuntimeException e) {
      countError(e);
      h.info();
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- checks and report

  static List<String> scanAll(DynamoDbClient ddb) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        List<String> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
          Map<String, AttributeValue> from = start;
          ScanResponse r = ddb.scan(b -> b.tableName(SET).consistentRead(true).exclusiveStartKey(from));
          r.items().forEach(i -> out.add(i.get("pk").s()));
          start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
      } catch (RuntimeException e) {
        if (attempt >= 20) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  static ReplicaAgreement.Report awaitAgreement(NetnsCluster c, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReplicaAgreement.Report last = null;
    List<String> missing = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      Optional<ClusterView> v = c.probe().view();
      if (v.isPresent()) {
        missing.clear();
        Map<String, Map<String, ReplicaAgreement.Digest>> d = c.probe().agreementDigests(v.get(), missing);
        last = ReplicaAgreement.compare(d);
        boolean complete = missing.isEmpty() && d.values().stream().allMatch(m -> m.size() == c.nodes().size());
        if (!last.disagreeing().isEmpty() || (complete && last.allAgree())) {
          return last;
        }
      }
      Thread.sleep(500);
    }
    System.out.println("[drill] replicas still lagging or unreachable after " + timeout + ": " + missing);
    return last == null ? ReplicaAgreement.compare(Map.of()) : last;
  }

  static void report(String name, NetnsCluster c, List<NemesisSchedule.Applied> applied, List<Op> reg, List<Op> set, double loadSec, long load0,
      LinearizabilityResult lin, SetResult setResult, ReplicaAgreement.Report agreement) {
    List<Op> all = new ArrayList<>(reg);
    all.addAll(set);
    Map<Outcome, Long> outcomes = all.stream().collect(Collectors.groupingBy(Op::outcome, Collectors.counting()));
    Map<OpKind, Map<Outcome, Long>> byKind = all.stream().collect(Collectors.groupingBy(Op::kind,
        Collectors.groupingBy(Op::outcome, Collectors.counting())));
    List<Long> okWrites = all.stream().filter(o -> o.outcome() == Outcome.OK && o.kind() != OpKind.GET
        && o.process() < 100).map(Op::completeNanos).sorted().toList();
    long gap = 0;
    long gapAt = load0;
    long prev = load0;
    for (long t : okWrites) {
      if (t - prev > gap) {
        gap = t - prev;
        gapAt = prev;
      }
      prev = t;
    }
    StringBuilder b = new StringBuilder("\n==== " + name + " REPORT (" + (c.networkFaults() ? "namespaced cluster "
        : "LOOPBACK cluster, no network faults: ") + (c.networkFaults() ? c.prefix() : c.loopbackReason())
        + ") ====\n");
    b.append(String.format("load %.1fs, %d ops: %s%n", loadSec, all.size(), outcomes));
    b.append("by kind: ").append(byKind).append('\n');
    b.append("errors (FAIL/INFO causes, ConditionalCheckFailed not counted): ").append(new java.util.TreeMap<>(ERRORS))
        .append('\n');
    b.append("timeline, 5 s buckets of invocation time, ok/fail/info:");
    long last = all.stream().mapToLong(Op::invokeNanos).max().orElse(load0);
    for (long from = load0; from <= last; from += 5_000_000_000L) {
      long f = from;
      Map<Outcome, Long> counts = all.stream().filter(o -> o.process() < 100 && o.invokeNanos() >= f
          && o.invokeNanos() < f + 5_000_000_000L).collect(Collectors.groupingBy(Op::outcome, Collectors.counting()));
      b.append(String.format(" %d:%d/%d/%d", (f - load0) / 1_000_000_000L,
          counts.getOrDefault(Outcome.OK, 0L), counts.getOrDefault(Outcome.FAIL, 0L),
          counts.getOrDefault(Outcome.INFO, 0L)));
    }
    b.append('\n');
    b.append("faults (seconds since load start):\n");
    applied.forEach(x -> b.append("  ").append(x).append('\n'));
    b.append(String.format("longest gap between acknowledged writes: %.2fs (from %.1fs)%n", gap / 1e9,
        (gapAt - load0) / 1e9));
    b.append("linearizability: ").append(lin.keys().values().stream()
        .map(k -> k.key() + "=" + k.verdict() + "(" + k.opsChecked() + " ops, " + k.steps() + " steps)")
        .collect(Collectors.joining(", "))).append('\n');
    b.append("set: ").append(setResult).append('\n');
    b.append(agreement.toString().lines().limit(12).collect(Collectors.joining("\n"))).append('\n');
    System.out.println(b);
  }

  // ---------------------------------------------------------------- client

  /** SDK client with {@code retries} retries and short timeouts, so the history reflects the faults. */
  static DynamoDbClient client(String endpoint, int retries, Duration timeout) {
    return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("shoal", "shoal")))
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
            .socketTimeout(timeout).build())
        .overrideConfiguration(o -> o.retryPolicy(p -> p.numRetries(retries)).apiCallAttemptTimeout(timeout)
            .apiCallTimeout(timeout.multipliedBy(retries + 1).plusSeconds(1)))
        .build();
  }

  /**
   * Creates the table, retrying for up to 2 minutes: on a machine busy with other builds a fresh cluster can take
   * longer than one client timeout to answer its first CreateTable. A retry that finds the table already there
   * (ResourceInUseException: an earlier attempt did create it) counts as done.
   */
  static void createTable(DynamoDbClient ddb, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try {
        ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                .attributeType(ScalarAttributeType.S).build())
            .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        break;
      } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException exists) {
        break;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        System.out.println("[drill] CreateTable " + name + " failed, retrying: " + e);
        Thread.sleep(2000);
      }
    }
    for (int i = 0; i < 60; i++) {
      try {
        ddb.getItem(b -> b.tableName(name).consistentRead(true).key(Map.of("pk", AttributeValue.fromS("probe"))));
        return;
      } catch (RuntimeException e) {
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("table " + name + " not usable");
  }
}
