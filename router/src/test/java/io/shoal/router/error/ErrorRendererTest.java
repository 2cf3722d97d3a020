package io.shoal.router.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import org.junit.jupiter.api.Test;

class ErrorRendererTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String render(DynamoException e) throws Exception {
    return MAPPER.readTree(ErrorRenderer.render(e)).toString();
  }

  @Test
  void validationUsesTheCoralValidateNamespaceAndLowercaseMessage() throws Exception {
    assertThat(render(DynamoException.validation("bad")))
        .isEqualTo("{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"bad\"}");
  }

  @Test
  void serializationSpellsItsKeyWithACapitalAndMayHaveNoMessage() throws Exception {
    assertThat(render(DynamoException.serialization("Unexpected field type")))
        .isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":\"Unexpected field type\"}");
    assertThat(render(DynamoException.serialization(null)))
        .isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
  }

  @Test
  void serviceErrorsUseTheDynamoDbNamespaceAndTheirStatus() throws Exception {
    DynamoException nf = DynamoException.resourceNotFound("Requested resource not found");
    assertThat(nf.status()).isEqualTo(400);
    assertThat(nf.type()).isEqualTo("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
    assertThat(DynamoException.internalServerError("x").status()).isEqualTo(500);
    assertThat(DynamoException.serviceUnavailable("x").status()).isEqualTo(503);
    assertThat(DynamoException.missingAuthenticationToken().getMessage())
        .isEqualTo("Request is missing Authentication Token");
  }

  @Test
  void conditionalCheckFailedCarriesTheItemWhenGiven() throws Exception {
    Item item = Item.newBuilder().putAttributes("pk", AttributeValue.newBuilder().setS("a").build()).build();
    assertThat(render(DynamoException.conditionalCheckFailed(item)))
        .isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
            + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"a\"}}}");
    assertThat(render(DynamoException.conditionalCheckFailed(null))).doesNotContain("Item");
  }
}
