package io.shoal.router.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.router.json.AttributeJson;

/**
 * Turns a {@link DynamoException} into DynamoDB's error body. The only place that does, so the shape
 * ({@code {"__type":"...","message":"..."}}) cannot drift between handlers.
 */
public final class ErrorRenderer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorRenderer() {}

  public static ObjectNode toJson(DynamoException e) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("__type", e.type());
    if (e.getMessage() != null) {
      body.put(e.messageKey(), e.getMessage());
    }
    e.item().ifPresent(item -> body.set("Item", AttributeJson.itemToJson(item)));
    return body;
  }

  /** The UTF-8 body bytes. */
  public static byte[] render(DynamoException e) {
    try {
      return MAPPER.writeValueAsBytes(toJson(e));
    } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
