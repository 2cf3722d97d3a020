package io.shoal.router.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.router.http.HttpApiServer;
import org.junit.jupiter.api.Test;

/** The front-end ceiling serves the DynamoDB API from its in-memory cluster, as a load generator will use it. */
class FrontEndCeilingTest {
  @Test
  void servesTablesAndItemsFromMemory() throws Exception {
    FakeCluster cluster = new FakeCluster();
    try (HttpApiServer server = FrontEndCeiling.start(0, cluster)) {
      ApiClient api = new ApiClient(server.port());
      assertThat(api.call("CreateTable", """
          {"TableName":"bench_kv","BillingMode":"PAY_PER_REQUEST",
           "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
           "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}""").status()).isEqualTo(200);
      assertThat(api.call("PutItem", """
          {"TableName":"bench_kv","Item":{"pk":{"S":"k1"},"v":{"S":"x"}}}""").status()).isEqualTo(200);
      ApiClient.Response got = api.call("GetItem", """
          {"TableName":"bench_kv","Key":{"pk":{"S":"k1"}}}""");
      assertThat(got.status()).isEqualTo(200);
      assertThat(got.json().at("/Item/v/S").asText()).isEqualTo("x");
      assertThat(cluster.mutations()).isEqualTo(2);
    }
  }
}
