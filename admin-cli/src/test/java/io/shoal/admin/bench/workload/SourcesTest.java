package io.shoal.admin.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.admin.bench.load.OpKind;
import io.shoal.admin.bench.load.RequestSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bytes each workload sends: well-formed HTTP, DynamoDB JSON of the right shape and size. */
class SourcesTest {
  static final WorkloadSpec SPEC = new WorkloadSpec("bench_t", 1000, 1024, 20, 7, 500, 42);

  @ParameterizedTest
  @EnumSource(Workload.class)
  void everyRequestIsWellFormedHttpWithTheFixedDynamoDbHeaders(Workload w) throws Exception {
    RequestSource s = Sources.of(w, SPEC, "127.0.0.1:9999").apply(0);
    for (int i = 0; i < 50; i++) {
      Wire r = Wire.next(s);
      assertThat(r.requestLine()).isEqualTo("POST / HTTP/1.1");
      assertThat(r.headers()).containsEntry("host", "127.0.0.1:9999")
          .containsEntry("content-type", "application/x-amz-json-1.0")
          .containsEntry("x-amz-date", "20260101T000000Z")
          .containsEntry("content-length", Integer.toString(r.body().getBytes("UTF-8").length));
      String op = r.headers().get("x-amz-target").replace("DynamoDB_20120810.", "");
      assertThat(w.ops().stream().map(OpKind::operation)).contains(op);
      assertThat(r.headers().get("authorization")).matches("AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/[a-z0-9-]+/"
          + "dynamodb/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}");
      assertThat(r.body()).doesNotContain("#####");
    }
  }

  @Test
  void putItemCarriesAnItemOfTheRequestedSizeUnderAFreshKey() throws Exception {
    RequestSource s = Sources.of(Workload.PUT, SPEC, "h").apply(0);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      JsonNode body = Wire.next(s).json();
      assertThat(body.get("TableName").asText()).isEqualTo("bench_t");
      JsonNode item = body.get("Item");
      assertThat(Wire.itemSize(item)).isEqualTo(1024);
      String key = item.at("/pk/S").asText();
      assertThat(key).matches("k\\d{10}");
      assertThat(Long.parseLong(key.substring(1))).isBetween(0L, 999L);
      keys.add(key);
    }
    assertThat(keys).hasSizeGreaterThan(150); // uniform over 1000: few repeats in 200 draws
  }

  @Test
  void itemSizeFollowsTheOption() throws Exception {
    for (int size : new int[] {ItemJson.MIN_ITEM_SIZE, 100, 4096, 400 * 1024}) {
      WorkloadSpec spec = new WorkloadSpec("bench_t", 1000, size, 20, 7, 500, 42);
      JsonNode body = Wire.next(Sources.of(Workload.PUT, spec, "h").apply(0)).json();
      assertThat(Wire.itemSize(body.get("Item"))).as("item size " + size).isEqualTo(size);
    }
  }

  @Test
  void getItemAsksForOneKeyAndGetStrongReadsConsistently() throws Exception {
    JsonNode get = Wire.next(Sources.of(Workload.GET, SPEC, "h").apply(0)).json();
    assertThat(get.get("Key").at("/pk/S").asText()).matches("k\\d{10}");
    assertThat(get.has("ConsistentRead")).isFalse();
    JsonNode strong = Wire.next(Sources.of(Workload.GET_STRONG, SPEC, "h").apply(0)).json();
    assertThat(strong.get("ConsistentRead").asBoolean()).isTrue();
  }

  @Test
  void queryAsksForOnePartitionWithTheLimit() throws Exception {
    QueryLayout layout = QueryLayout.of(SPEC.records(), SPEC.seed());
    JsonNode q = Wire.next(Sources.of(Workload.QUERY, SPEC, "h").apply(0)).json();
    assertThat(q.get("KeyConditionExpression").asText()).isEqualTo("pk = :p");
    assertThat(q.get("Limit").asInt()).isEqualTo(20);
    String p = q.at("/ExpressionAttributeValues/:p/S").asText();
    assertThat(Integer.parseInt(p.substring(1))).isBetween(0, layout.partitions() - 1);
  }

  @Test
  void batchWriteHas25PutsOfDistinctKeys() throws Exception {
    RequestSource s = Sources.of(Workload.BATCH_WRITE, new WorkloadSpec("bench_t", 30, 200, 20, 7, 500, 1), "h")
        .apply(3);
    for (int i = 0; i < 100; i++) { // 25 of 30 keys: duplicates would be likely without the check
      JsonNode puts = Wire.next(s).json().at("/RequestItems/bench_t");
      assertThat(puts).hasSize(25);
      Set<String> keys = new HashSet<>();
      for (JsonNode put : puts) {
        assertThat(Wire.itemSize(put.at("/PutRequest/Item"))).isEqualTo(200);
        keys.add(put.at("/PutRequest/Item/pk/S").asText());
      }
      assertThat(keys).hasSize(25);
    }
  }

  @Test
  void condIncrementIsAConditionalReadModifyWriteOnASmallKeySpace() throws Exception {
    RequestSource s = Sources.of(Workload.COND_INCREMENT, SPEC, "h").apply(0);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      JsonNode u = Wire.next(s).json();
      assertThat(u.get("UpdateExpression").asText()).isEqualTo("SET #n = if_not_exists(#n, :zero) + :one");
      assertThat(u.get("ConditionExpression").asText()).isEqualTo("attribute_not_exists(#n) OR #n < :limit");
      assertThat(u.at("/ExpressionAttributeValues/:limit/N").asText()).isEqualTo("500");
      keys.add(u.at("/Key/pk/S").asText());
    }
    assertThat(keys).hasSize(7).allMatch(k -> k.matches("c\\d{10}"));
  }

  @Test
  void mixesSendReadsAndWritesInTheirProportions() throws Exception {
    for (Workload w : new Workload[] {Workload.MIX_A, Workload.MIX_B}) {
      RequestSource s = Sources.of(w, SPEC, "h").apply(1);
      Map<String, Integer> ops = new HashMap<>();
      for (int i = 0; i < 4000; i++) {
        ops.merge(Wire.next(s).headers().get("x-amz-target"), 1, Integer::sum);
      }
      double reads = ops.get("DynamoDB_20120810.GetItem") / 4000.0;
      assertThat(reads).as(w.cliName()).isCloseTo(w == Workload.MIX_A ? 0.50 : 0.95,
          org.assertj.core.data.Offset.offset(0.03));
    }
  }

  @Test
  void connectionsDrawDifferentKeysAndTheSeedRepeatsThem() throws Exception {
    String a0 = Wire.next(Sources.of(Workload.GET, SPEC, "h").apply(0)).body();
    String a1 = Wire.next(Sources.of(Workload.GET, SPEC, "h").apply(1)).body();
    String again = Wire.next(Sources.of(Workload.GET, SPEC, "h").apply(0)).body();
    assertThat(a0).isEqualTo(again).isNotEqualTo(a1);
  }
}
