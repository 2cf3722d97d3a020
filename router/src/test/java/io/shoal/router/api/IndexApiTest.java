package io.shoal.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.http.HttpApiServer;
import io.shoal.router.testing.ApiClient;
import io.shoal.router.testing.DelegatingCluster;
import io.shoal.router.testing.FakeCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secondary indexes end to end through the HTTP API and the fake cluster: a GSI created on a table with items is
 * backfilled and readable once active, pagination walks every entry of an index, index scans in segments return
 * every entry once, and a router whose table cache predates an index finds it in the catalog.
 */
class IndexApiTest {
  private FakeCluster cluster;
  private HttpApiServer server;
  private ApiClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster();
    start(cluster);
  }

  private void start(Cluster c) throws Exception {
    server = new HttpApiServer("127.0.0.1", 0, Dispatcher.forCluster(c, ApiSettings.defaults())).start();
    client = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode ok(String op, String request) throws Exception {
    ApiClient.Response r = client.call(op, request);
    assertThat(r.status()).as("%s %s -> %s", op, request, r.json()).isEqualTo(200);
    return r.json();
  }

  private void createTable() throws Exception {
    ok("CreateTable", """
        {"TableName": "tab", "BillingMode": "PAY_PER_REQUEST",
         "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
           {"AttributeName": "sk", "AttributeType": "N"}, {"AttributeName": "l", "AttributeType": "N"}],
         "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
         "LocalSecondaryIndexes": [{"IndexName": "byL", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
           {"AttributeName": "l", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}]}""");
    for (int i = 0; i < 30; i++) {
      ok("PutItem", "{\"TableName\": \"tab\", \"Item\": {\"pk\": {\"S\": \"p" + (i % 3) + "\"}, \"sk\": {\"N\": \"" + i
          + "\"}, \"l\": {\"N\": \"" + (i % 4) + "\"}, \"c\": {\"S\": \"c" + (i % 5) + "\"}}}");
    }
  }

  @Test
  void gsiCreatedOnAFilledTableIsBackfilledAndServesOnceActive() throws Exception {
    createTable();
    JsonNode created = ok("UpdateTable", """
        {"TableName": "tab", "AttributeDefinitions": [{"AttributeName": "c", "AttributeType": "S"}],
         "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byC",
           "KeySchema": [{"AttributeName": "c", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
           "Projection": {"ProjectionType": "ALL"}}}]}""");
    JsonNode gsi = created.at("/TableDescription/GlobalSecondaryIndexes/0");
    assertThat(gsi.get("IndexStatus").asText()).isEqualTo("CREATING");
    assertThat(gsi.get("Backfilling").asBoolean()).isTrue();
    assertThat(client.call("Scan", "{\"TableName\": \"tab\", \"IndexName\": \"byC\"}").json().get("message").asText())
        .isEqualTo("Cannot read from backfilling global secondary index: byC");

    cluster.activateIndexes("tab");
    JsonNode described = ok("DescribeTable", "{\"TableName\": \"tab\"}").at("/Table/GlobalSecondaryIndexes/0");
    assertThat(described.get("IndexStatus").asText()).isEqualTo("ACTIVE");
    assertThat(described.has("Backfilling")).isFalse();
    assertThat(described.get("ItemCount").asLong()).isEqualTo(30);

    JsonNode q = ok("Query", """
        {"TableName": "tab", "IndexName": "byC", "KeyConditionExpression": "c = :c AND sk >= :s",
         "ExpressionAttributeValues": {":c": {"S": "c2"}, ":s": {"N": "10"}}}""");
    List<Integer> sks = new ArrayList<>();
    q.get("Items").forEach(i -> sks.add(i.at("/sk/N").asInt()));
    assertThat(sks).containsExactly(12, 17, 22, 27);

    // New writes reach the new index too.
    ok("PutItem", "{\"TableName\": \"tab\", \"Item\": {\"pk\": {\"S\": \"p9\"}, \"sk\": {\"N\": \"99\"}, "
        + "\"c\": {\"S\": \"c2\"}}}");
    assertThat(ok("Query", """
        {"TableName": "tab", "IndexName": "byC", "KeyConditionExpression": "c = :c AND sk >= :s",
         "ExpressionAttributeValues": {":c": {"S": "c2"}, ":s": {"N": "10"}}, "Select": "COUNT"}""")
        .get("Count").asInt()).isEqualTo(5);
  }

  @Test
  void lsiQueryPagesWalkEveryEntryInIndexOrder() throws Exception {
    createTable();
    List<String> seen = new ArrayList<>();
    JsonNode start = null;
    int pages = 0;
    do {
      String esk = start == null ? "" : ", \"ExclusiveStartKey\": " + start;
      JsonNode page = ok("Query", "{\"TableName\": \"tab\", \"IndexName\": \"byL\", \"Limit\": 3, "
          + "\"KeyConditionExpression\": \"pk = :p\", \"ExpressionAttributeValues\": {\":p\": {\"S\": \"p1\"}}"
          + esk + "}");
      page.get("Items").forEach(i -> seen.add(i.at("/l/N").asText() + "/" + i.at("/sk/N").asText()));
      start = page.get("LastEvaluatedKey");
      pages++;
    } while (start != null && pages < 20);
    // p1 holds sk 1, 4, ..., 28; l = sk % 4; entries order by l, then by the base key (sk).
    List<String> expected = new ArrayList<>();
    for (int l = 0; l < 4; l++) {
      for (int sk = 1; sk < 30; sk += 3) {
        if (sk % 4 == l) {
          expected.add(l + "/" + sk);
        }
      }
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void indexScanSegmentsTogetherReturnEveryEntryOnce() throws Exception {
    createTable();
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (int segment = 0; segment < 4; segment++) {
      JsonNode start = null;
      do {
        String esk = start == null ? "" : ", \"ExclusiveStartKey\": " + start;
        JsonNode page = ok("Scan", "{\"TableName\": \"tab\", \"IndexName\": \"byL\", \"Limit\": 4, \"Segment\": "
            + segment + ", \"TotalSegments\": 4" + esk + "}");
        for (JsonNode i : page.get("Items")) {
          seen.add(i.at("/pk/S").asText() + "/" + i.at("/sk/N").asText());
          total++;
        }
        start = page.get("LastEvaluatedKey");
      } while (start != null);
    }
    assertThat(total).isEqualTo(30);
    assertThat(seen).hasSize(30);
  }

  @Test
  void aRouterWithAStaleTableFindsANewIndexInTheCatalog() throws Exception {
    createTable();
    TableInfo stale = cluster.describeTable("tab").get().orElseThrow();
    ok("UpdateTable", """
        {"TableName": "tab", "AttributeDefinitions": [{"AttributeName": "c", "AttributeType": "S"}],
         "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byC",
           "KeySchema": [{"AttributeName": "c", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}}]}""");
    cluster.activateIndexes("tab");
    server.close();
    // A second router whose cache still holds the table as it was before the index existed.
    Cluster cached = new DelegatingCluster(cluster) {
      @Override
      public CompletableFuture<Optional<TableInfo>> resolveTable(String name) {
        return CompletableFuture.completedFuture(Optional.of(stale));
      }
    };
    start(cached);
    assertThat(ok("Query", """
        {"TableName": "tab", "IndexName": "byC", "KeyConditionExpression": "c = :c",
         "ExpressionAttributeValues": {":c": {"S": "c0"}}, "Select": "COUNT"}""").get("Count").asInt()).isEqualTo(6);
  }

  @Test
  void aRouterThatCachedABackfillingIndexSeesItActive() throws Exception {
    createTable();
    ok("UpdateTable", """
        {"TableName": "tab", "AttributeDefinitions": [{"AttributeName": "c", "AttributeType": "S"}],
         "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byC",
           "KeySchema": [{"AttributeName": "c", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}}]}""");
    TableInfo backfilling = cluster.describeTable("tab").get().orElseThrow();
    cluster.activateIndexes("tab");
    server.close();
    start(new DelegatingCluster(cluster) {
      @Override
      public CompletableFuture<Optional<TableInfo>> resolveTable(String name) {
        return CompletableFuture.completedFuture(Optional.of(backfilling));
      }
    });
    assertThat(ok("Scan", "{\"TableName\": \"tab\", \"IndexName\": \"byC\", \"Select\": \"COUNT\"}")
        .get("Count").asInt()).isEqualTo(30);
  }
}
