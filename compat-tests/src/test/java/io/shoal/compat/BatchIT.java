package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem and BatchWriteItem across tables, with their limits and duplicate rules. */
class BatchIT extends CompatBase {
  static String a;
  static String b;

  @BeforeAll
  static void tables() {
    a = createHashTable("batch-a", ScalarAttributeType.S);
    b = createCompositeTable("batch-b", ScalarAttributeType.S, ScalarAttributeType.N);
  }

  static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  static WriteRequest delete(Map<String, AttributeValue> key) {
    return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
  }

  @Test
  void writeAndReadAcrossTables() {
    BatchWriteItemResponse w = ddb.batchWriteItem(r -> r.requestItems(Map.of(
        a, List.of(put(item("pk", s("a1"), "v", n(1))), put(item("pk", s("a2"), "v", n(2)))),
        b, List.of(put(item("pk", s("b"), "sk", n(1))), put(item("pk", s("b"), "sk", n(2)))))));
    assertThat(w.unprocessedItems()).isEmpty();
    BatchGetItemResponse g = ddb.batchGetItem(r -> r.requestItems(Map.of(
        a, KeysAndAttributes.builder().keys(item("pk", s("a1")), item("pk", s("a2")), item("pk", s("none")))
            .consistentRead(true).build(),
        b, KeysAndAttributes.builder().keys(item("pk", s("b"), "sk", n(2))).projectionExpression("sk").build())));
    assertThat(g.unprocessedKeys()).isEmpty();
    assertThat(g.responses().get(a)).containsExactlyInAnyOrder(item("pk", s("a1"), "v", n(1)),
        item("pk", s("a2"), "v", n(2)));
    assertThat(g.responses().get(b)).containsExactly(item("sk", n(2)));

    BatchWriteItemResponse d = ddb.batchWriteItem(r -> r.requestItems(Map.of(
        a, List.of(delete(item("pk", s("a1"))), put(item("pk", s("a3")))))));
    assertThat(d.unprocessedItems()).isEmpty();
    assertThat(get(a, item("pk", s("a1")))).isNull();
    assertThat(get(a, item("pk", s("a3")))).isNotNull();
  }

  @Test
  void twentyFiveWritesAndOneHundredReadsAreAllowed() {
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      writes.add(put(item("pk", s("max-" + i))));
    }
    assertThat(ddb.batchWriteItem(r -> r.requestItems(Map.of(a, writes))).unprocessedItems()).isEmpty();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      keys.add(item("pk", s("max-" + i)));
    }
    BatchGetItemResponse g = ddb.batchGetItem(r -> r.requestItems(Map.of(a,
        KeysAndAttributes.builder().keys(keys).build())));
    assertThat(g.responses().get(a)).hasSize(25);
    assertThat(g.unprocessedKeys()).isEmpty();
  }

  @Test
  void moreThan25WritesAreRejected() {
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      writes.add(put(item("pk", s("over-" + i))));
    }
    var e = catchValidation(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a, writes))));
    assertThat(e).startsWith("1 validation error detected: Value '{").endsWith("' at 'requestItems' failed to "
        + "satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, "
        + "Member must have length greater than or equal to 1]");
    assertThat(get(a, item("pk", s("over-0")))).isNull();
  }

  @Test
  @ReferenceDiffers(reason = "limits writes to 25 per table only, not 25 per request")
  void moreThan25WritesAcrossTablesAreRejected() {
    List<WriteRequest> wa = new ArrayList<>();
    List<WriteRequest> wb = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      wa.add(put(item("pk", s("split-" + i))));
      wb.add(put(item("pk", s("split"), "sk", n(i))));
    }
    expectValidation(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a, wa, b, wb))),
        "Too many items requested for the BatchWriteItem call");
    assertThat(get(a, item("pk", s("split-0")))).isNull();
  }

  @Test
  void moreThan100KeysAreRejected() {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      keys.add(item("pk", s("k-" + i)));
    }
    String message = catchValidation(() -> ddb.batchGetItem(r -> r.requestItems(Map.of(a,
        KeysAndAttributes.builder().keys(keys).build()))));
    assertThat(message).startsWith("1 validation error detected: Value '[").endsWith("' at 'requestItems." + a
        + ".member.keys' failed to satisfy constraint: Member must have length less than or equal to 100");
  }

  @Test
  void moreThan100KeysAcrossTablesAreRejected() {
    List<Map<String, AttributeValue>> ka = new ArrayList<>();
    List<Map<String, AttributeValue>> kb = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ka.add(item("pk", s("k-" + i)));
    }
    for (int i = 0; i < 41; i++) {
      kb.add(item("pk", s("k"), "sk", n(i)));
    }
    expectValidation(() -> ddb.batchGetItem(r -> r.requestItems(Map.of(a, KeysAndAttributes.builder().keys(ka)
        .build(), b, KeysAndAttributes.builder().keys(kb).build()))),
        "Too many items requested for the BatchGetItem call");
  }

  @Test
  void duplicatesAreRejected() {
    expectValidation(() -> ddb.batchGetItem(r -> r.requestItems(Map.of(a, KeysAndAttributes.builder()
        .keys(item("pk", s("d")), item("pk", s("d"))).build()))), "Provided list of item keys contains duplicates");
    expectValidation(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a,
            List.of(put(item("pk", s("dup"), "v", n(1))), put(item("pk", s("dup"), "v", n(2))))))),
        "Provided list of item keys contains duplicates");
    expectValidation(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a,
            List.of(put(item("pk", s("dup"))), delete(item("pk", s("dup"))))))),
        "Provided list of item keys contains duplicates");
    assertThat(get(a, item("pk", s("dup")))).isNull();
  }

  @Test
  void badRequestsInABatchWriteNothing() {
    expectValidation(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a,
            List.of(put(item("pk", s("bw-ok"))), put(item("pk", n(1))))))),
        "The provided key element does not match the schema");
    expectError(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of(a, List.of(put(item("pk", s("bw-ok2")))),
            "compat-missing-table", List.of(put(item("pk", s("x"))))))),
        "ResourceNotFoundException", "Requested resource not found");
    assertThat(get(a, item("pk", s("bw-ok")))).isNull();
    assertThat(get(a, item("pk", s("bw-ok2")))).isNull();
  }

  static String catchValidation(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(
        software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class, call);
    assertThat(e).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(VALIDATION);
    assertThat(e.statusCode()).isEqualTo(400);
    return e.awsErrorDetails().errorMessage();
  }
}
