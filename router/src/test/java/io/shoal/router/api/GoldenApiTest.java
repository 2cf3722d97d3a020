package io.shoal.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.proto.ScalarType;
import io.shoal.router.http.HttpApiServer;
import io.shoal.router.testing.ApiClient;
import io.shoal.router.testing.FakeCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Table-driven API tests: each file under src/test/resources/golden is a script of requests and the
 * exact responses DynamoDB would give, run in order against a real server over loopback and a fresh
 * {@link FakeCluster} holding four tables:
 *
 * <pre>
 *   hash_s     pk (S)
 *   composite  pk (S), sk (N)
 *   hash_b     pk (B)
 *   hash_n     pk (N)
 * </pre>
 *
 * <p>Script format (etcd raft testdata style):
 *
 * <pre>
 *   # comment
 *   === case name
 *   op: PutItem
 *   request: {"TableName": "hash_s", ...}
 *   status: 400
 *   response: {"__type": "...", "message": "..."}
 * </pre>
 *
 * <p>Responses are compared as JSON trees, exactly. Every case whose status is not 200 also asserts
 * that the cluster saw no mutating call and no query or scan, unless the case says {@code reaches-cluster: yes} (the cluster
 * itself refused, as for an existing table).
 */
class GoldenApiTest {
  private static final List<String> FILES =
      List.of("tables.txt", "create_table_errors.txt", "items.txt", "item_errors.txt", "attribute_values.txt",
          "query-happy.txt", "query-errors.txt", "scan-happy.txt", "scan-errors.txt", "conditional-writes.txt",
          "update-item.txt", "read-expressions.txt", "capacity.txt", "batch.txt", "legacy.txt", "table-admin.txt",
          "serialization.txt", "indexes.txt", "index-create-errors.txt", "index-updates.txt");

  record Case(String name, String op, String request, int status, String response, boolean reachesCluster, int line) {}

  @TestFactory
  Stream<DynamicNode> golden() {
    return FILES.stream().map(file -> DynamicContainer.dynamicContainer(file, run(file)));
  }

  private Stream<DynamicNode> run(String file) {
    List<Case> cases = parse(file);
    // Cases depend on earlier ones (put, then get), so they share one cluster and server per file and
    // run in file order. Server and cluster are created lazily by the first test.
    Fixture fixture = new Fixture();
    List<DynamicNode> tests = new ArrayList<>();
    for (Case c : cases) {
      tests.add(DynamicTest.dynamicTest(c.name() + " (line " + c.line() + ")", () -> fixture.check(c)));
    }
    tests.add(DynamicTest.dynamicTest("stop server", fixture::close));
    return tests.stream();
  }

  private static final class Fixture {
    private FakeCluster cluster;
    private HttpApiServer server;
    private ApiClient client;

    void check(Case c) throws Exception {
      if (server == null) {
        cluster = new FakeCluster();
        cluster.addTable("hash_s", "pk", ScalarType.S, null, null);
        cluster.addTable("composite", "pk", ScalarType.S, "sk", ScalarType.N);
        cluster.addTable("hash_b", "pk", ScalarType.B, null, null);
        cluster.addTable("hash_n", "pk", ScalarType.N, null, null);
        // A configured endpoint address, so DescribeEndpoints does not depend on the ephemeral port.
        ApiSettings settings = new ApiSettings(ApiSettings.DEFAULT_REGION, ApiSettings.DEFAULT_ACCOUNT_ID,
            "localhost:8000");
        server = new HttpApiServer("127.0.0.1", 0, Dispatcher.forCluster(cluster, settings)).start();
        client = new ApiClient(server.port());
      }
      int mutationsBefore = cluster.mutations();
      int readsBefore = cluster.reads();
      ApiClient.Response r = client.call(c.op(), c.request());
      JsonNode expected = ApiClient.json(c.response());
      assertThat(r.json()).as("response body of %s", c.name()).isEqualTo(expected);
      assertThat(r.status()).as("status of %s", c.name()).isEqualTo(c.status());
      if (c.status() != 200 && !c.reachesCluster()) {
        assertThat(cluster.mutations()).as("mutating cluster calls after rejected %s", c.name())
            .isEqualTo(mutationsBefore);
        assertThat(cluster.reads()).as("query/scan cluster calls after rejected %s", c.name())
            .isEqualTo(readsBefore);
      }
    }

    void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  static List<Case> parse(String file) {
    String text;
    try (InputStream in = GoldenApiTest.class.getResourceAsStream("/golden/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + file);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<Case> cases = new ArrayList<>();
    String name = null;
    String op = null;
    String request = null;
    String status = null;
    String response = null;
    boolean reaches = false;
    int start = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i].strip() : "=== end";
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("===")) {
        if (name != null) {
          if (op == null || request == null || status == null || response == null) {
            throw new IllegalStateException(file + ":" + start + ": case '" + name + "' is incomplete");
          }
          cases.add(new Case(name, op, request, Integer.parseInt(status), response, reaches, start));
        }
        name = line.substring(3).strip();
        op = request = status = response = null;
        reaches = false;
        start = i + 1;
        continue;
      }
      int colon = line.indexOf(':');
      if (name == null || colon < 0) {
        throw new IllegalStateException(file + ":" + (i + 1) + ": unexpected line: " + line);
      }
      String value = line.substring(colon + 1).strip();
      switch (line.substring(0, colon)) {
        case "op" -> op = value;
        case "request" -> request = value;
        case "status" -> status = value;
        case "response" -> response = value;
        case "reaches-cluster" -> reaches = value.equals("yes");
        default -> throw new IllegalStateException(file + ":" + (i + 1) + ": unknown key: " + line);
      }
    }
    if (cases.isEmpty()) {
      throw new IllegalStateException(file + " has no cases");
    }
    return cases;
  }
}
