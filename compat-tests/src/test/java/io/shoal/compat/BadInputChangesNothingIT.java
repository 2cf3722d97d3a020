package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A representative set of rejected writes: each fails, and the table reads the same before and after. */
class BadInputChangesNothingIT extends CompatBase {
  static String table;

  @BeforeAll
  static void seed() {
    table = createHashTable("bad", ScalarAttributeType.S);
    for (int i = 0; i < 5; i++) {
      int k = i;
      ddb.putItem(p -> p.tableName(table).item(item("pk", s("k" + k), "n", n(k), "s", s("v" + k),
          "ss", ss("a", "b"), "l", l(n(1)))));
    }
  }

  static List<Map<String, AttributeValue>> snapshot() {
    return scanAll(table).stream().sorted(Comparator.comparing(i -> i.get("pk").s())).toList();
  }

  static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  @Test
  void rejectedWritesChangeNothing() {
    List<Map<String, AttributeValue>> before = snapshot();
    assertThat(before).hasSize(5);
    String big = repeat('x', 410 * 1024);
    List<ThrowingCallable> bad = List.of(
        () -> ddb.putItem(p -> p.tableName(table).item(item("pk", n(1), "n", n(9)))),
        () -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("k0"), "big", s(big)))),
        () -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("k0"), "e", ss()))),
        () -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("k1"), "n", n(99)))
            .conditionExpression("attribute_not_exists(pk)")),
        () -> ddb.putItem(p -> p.tableName(table).item(item("pk", s("new"), "n", n("1e200")))),
        () -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("k2"))).updateExpression("SET pk = :v")
            .expressionAttributeValues(Map.of(":v", s("other")))),
        () -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("k2")))
            .updateExpression("SET n = :v, s = nothere + :v").expressionAttributeValues(Map.of(":v", n(1)))),
        () -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("k2"))).updateExpression("ADD s :v")
            .expressionAttributeValues(Map.of(":v", n(1)))),
        () -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("k3"))).updateExpression("SET n = :v")
            .conditionExpression("n > :v").expressionAttributeValues(Map.of(":v", n(100)))),
        () -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("k3"))).updateExpression("SET n = :v,")
            .expressionAttributeValues(Map.of(":v", n(100)))),
        () -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("k3"))).updateExpression("SET big = :v")
            .expressionAttributeValues(Map.of(":v", s(big)))),
        () -> ddb.updateItem(u -> u.tableName(table).key(item("pk", s("fresh"))).updateExpression("SET n = n + :v")
            .expressionAttributeValues(Map.of(":v", n(1)))),
        () -> ddb.deleteItem(d -> d.tableName(table).key(item("pk", s("k4"))).conditionExpression("n = :v")
            .expressionAttributeValues(Map.of(":v", n(100)))),
        () -> ddb.deleteItem(d -> d.tableName(table).key(item("pk", s("k4"), "n", n(4)))),
        () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put(item("pk", s("k0"), "n", n(7))),
            put(item("pk", s("k0"), "n", n(8))))))),
        () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put(item("pk", s("k1"), "n", n(7))),
            put(item("pk", s("x"), "e", ns()))))))
    );
    for (int i = 0; i < bad.size(); i++) {
      DynamoDbException e = catchThrowableOfType(DynamoDbException.class, bad.get(i));
      assertThat(e).as("bad request #%d must be rejected", i).isNotNull();
      assertThat(e.statusCode()).as("bad request #%d: %s", i, e.getMessage()).isEqualTo(400);
    }
    assertThat(snapshot()).isEqualTo(before);
  }
}
