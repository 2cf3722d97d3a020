package io.shoal.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Shorthands of the secondary index tests: key schemas, projections, index definitions, tables keyed on pk (S) and
 * sk (S or N) with indexes, paging through an index, and a bounded wait for eventually consistent GSI reads.
 */
abstract class IndexBase extends CompatBase {
  /** How long a GSI read may lag the base table write before a test gives up. */
  static final Duration GSI_LAG = Duration.ofSeconds(10);

  static KeySchemaElement hash(String attr) {
    return KeySchemaElement.builder().attributeName(attr).keyType(KeyType.HASH).build();
  }

  static KeySchemaElement range(String attr) {
    return KeySchemaElement.builder().attributeName(attr).keyType(KeyType.RANGE).build();
  }

  static AttributeDefinition def(String attr, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(attr).attributeType(type).build();
  }

  static Projection all() {
    return Projection.builder().projectionType(ProjectionType.ALL).build();
  }

  static Projection keysOnly() {
    return Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build();
  }

  static Projection include(String... nonKey) {
    return Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(nonKey).build();
  }

  /** An LSI on the table's hash key pk and the given sort key. */
  static LocalSecondaryIndex lsi(String name, String rangeAttr, Projection projection) {
    return LocalSecondaryIndex.builder().indexName(name).keySchema(hash("pk"), range(rangeAttr))
        .projection(projection).build();
  }

  /** A GSI with the given hash key and, unless null, sort key (no ProvisionedThroughput: on-demand tables). */
  static GlobalSecondaryIndex gsi(String name, String hashAttr, String rangeAttr, Projection projection) {
    GlobalSecondaryIndex.Builder b = GlobalSecondaryIndex.builder().indexName(name).projection(projection);
    return (rangeAttr == null ? b.keySchema(hash(hashAttr)) : b.keySchema(hash(hashAttr), range(rangeAttr))).build();
  }

  /**
   * An on-demand table keyed on pk (S) and sk (S) with the given extra attribute definitions, customised by
   * {@code indexes} (which adds the LSIs/GSIs), created and waited for; its name is tracked for deletion.
   */
  static String createIndexedTable(String base, List<AttributeDefinition> extraDefs,
      UnaryOperator<CreateTableRequest.Builder> indexes) {
    String name = track(uniqueName(base));
    List<AttributeDefinition> defs = new ArrayList<>(List.of(def("pk", ScalarAttributeType.S),
        def("sk", ScalarAttributeType.S)));
    defs.addAll(extraDefs);
    create(indexes.apply(CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(defs).keySchema(hash("pk"), range("sk"))).build());
    return name;
  }

  /** The base request of a CreateTable that is expected to fail (never created, so not tracked). */
  static CreateTableRequest.Builder invalidTable(AttributeDefinition... defs) {
    return CreateTableRequest.builder().tableName(uniqueName("idx-bad")).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(Arrays.asList(defs)).keySchema(hash("pk"), range("sk"));
  }

  /** Every page of a Query, following LastEvaluatedKey. */
  static List<QueryResponse> queryPages(QueryRequest request) {
    return pages(start -> ddb.query(request.toBuilder().exclusiveStartKey(start).build()),
        r -> r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null);
  }

  /** Every page of a Scan, following LastEvaluatedKey. */
  static List<ScanResponse> scanPages(ScanRequest request) {
    return pages(start -> ddb.scan(request.toBuilder().exclusiveStartKey(start).build()),
        r -> r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null);
  }

  private static <R> List<R> pages(java.util.function.Function<Map<String, AttributeValue>, R> call,
      java.util.function.Function<R, Map<String, AttributeValue>> lastKey) {
    List<R> pages = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      R r = call.apply(start);
      pages.add(r);
      Map<String, AttributeValue> last = lastKey.apply(r);
      start = last != null && !last.isEmpty() ? last : null;
      if (pages.size() > 100) {
        throw new AssertionError("more than 100 pages: paging does not end");
      }
    } while (start != null);
    return pages;
  }

  /**
   * Reads until {@code done} holds or {@link #GSI_LAG} has passed, and returns the last value read: GSIs are
   * eventually consistent, so a test waits for the expected state and then asserts it exactly.
   */
  static <T> T eventually(Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + GSI_LAG.toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      sleep(100);
      value = read.get();
    }
    return value;
  }

  /**
   * A call that must fail with HTTP 400 and the given error code, with a message containing every phrase: for texts
   * whose exact wording (list order, punctuation) is not confirmed against DynamoDB.
   */
  static DynamoDbException expectErrorContaining(ThrowingCallable call, String code, String... phrases) {
    DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call);
    assertThat(e).as("expected %s containing %s", code, Arrays.toString(phrases)).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).as("error code (message: %s)", e.awsErrorDetails().errorMessage())
        .isEqualTo(code);
    for (String phrase : phrases) {
      assertThat(e.awsErrorDetails().errorMessage()).as("message").contains(phrase);
    }
    assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
    return e;
  }

  /** The string values of one attribute over a list of items (null where absent). */
  static List<String> strings(List<Map<String, AttributeValue>> items, String attr) {
    return items.stream().map(i -> i.containsKey(attr) ? i.get(attr).s() : null).toList();
  }
}
