package io.shoal.admin.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseCheckTest {
  static ByteBuf body(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  @Test
  void a200IsOkAndQueryReportsItsCount() {
    assertThat(ResponseCheck.check(OpKind.PUT_ITEM, 200, body("{}")).kind()).isEqualTo(Outcome.Kind.OK);
    Outcome q = ResponseCheck.check(OpKind.QUERY, 200,
        body("{\"Count\": 17,\"Items\":[],\"LastEvaluatedKey\":{},\"ScannedCount\":40}"));
    assertThat(q.kind()).isEqualTo(Outcome.Kind.OK);
    assertThat(q.items()).isEqualTo(17);
    assertThat(ResponseCheck.check(OpKind.QUERY, 200, body("{\"ScannedCount\":40,\"Count\":3}")).items())
        .isEqualTo(3);
  }

  @Test
  void batchWriteCountsUnprocessedItems() {
    assertThat(ResponseCheck.check(OpKind.BATCH_WRITE_ITEM, 200, body("{\"UnprocessedItems\":{}}")).unprocessed())
        .isZero();
    String three = "{\"UnprocessedItems\":{\"t\":[{\"PutRequest\":{\"Item\":{}}},{\"PutRequest\":{\"Item\":{}}}],"
        + "\"u\":[{\"DeleteRequest\":{\"Key\":{}}}]}}";
    Outcome o = ResponseCheck.check(OpKind.BATCH_WRITE_ITEM, 200, body(three));
    assertThat(o.kind()).isEqualTo(Outcome.Kind.OK);
    assertThat(o.unprocessed()).isEqualTo(3);
  }

  @Test
  void aConditionalCheckFailureIsNotAnError() {
    Outcome o = ResponseCheck.check(OpKind.UPDATE_ITEM, 400, body("{\"__type\":\"com.amazonaws.dynamodb.v20120810"
        + "#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}"));
    assertThat(o.kind()).isEqualTo(Outcome.Kind.CONDITION_FAILED);
  }

  @Test
  void otherFailuresAreErrorsNamedByTypeAndStatus() {
    Outcome v = ResponseCheck.check(OpKind.GET_ITEM, 400, body("{\"__type\":\"com.amazon.coral.validate"
        + "#ValidationException\",\"message\":\"One or more parameter values were invalid\"}"));
    assertThat(v.kind()).isEqualTo(Outcome.Kind.ERROR);
    assertThat(v.error()).isEqualTo("ValidationException (400)");
    assertThat(v.message()).isEqualTo("One or more parameter values were invalid");
    Outcome t = ResponseCheck.check(OpKind.PUT_ITEM, 400, body("{\"__type\":\"com.amazonaws.dynamodb.v20120810"
        + "#ProvisionedThroughputExceededException\",\"Message\":\"slow down\"}"));
    assertThat(t.error()).isEqualTo("ProvisionedThroughputExceededException (400)");
    assertThat(t.message()).isEqualTo("slow down");
    // a ConditionalCheckFailedException with a 500 is not DynamoDB's answer to a condition: an error
    assertThat(ResponseCheck.check(OpKind.PUT_ITEM, 500, body("{\"__type\":\"x#ConditionalCheckFailedException\"}"))
        .kind()).isEqualTo(Outcome.Kind.ERROR);
    Outcome plain = ResponseCheck.check(OpKind.PUT_ITEM, 503, body("Service Unavailable"));
    assertThat(plain.error()).isEqualTo("HTTP 503");
    assertThat(plain.message()).isEqualTo("Service Unavailable");
    assertThat(ResponseCheck.check(OpKind.PUT_ITEM, 500, Unpooled.EMPTY_BUFFER).error()).isEqualTo("HTTP 500");
  }
}
