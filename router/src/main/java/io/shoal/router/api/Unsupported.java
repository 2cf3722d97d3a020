package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.RequestFields;

/**
 * Refuses request parameters Shoal does not implement yet, rather than ignoring them: a silently
 * ignored ConditionExpression would let a write through that DynamoDB would refuse.
 */
final class Unsupported {
  private Unsupported() {}

  static DynamoException parameter(String name) {
    return DynamoException.validation(name + " is not supported yet by Shoal");
  }

  static DynamoException value(String name, String value) {
    return DynamoException.validation(name + "=" + value + " is not supported yet by Shoal");
  }

  /** Throws if any of the named members is present (not absent and not JSON null). */
  static void rejectPresent(ObjectNode body, String... names) {
    for (String name : names) {
      if (!RequestFields.absent(body, name)) {
        throw parameter(name);
      }
    }
  }

  /** Throws if the member is present with a value other than {@code allowed}. */
  static void rejectUnless(String name, String value, String... allowed) {
    if (value == null) {
      return;
    }
    for (String ok : allowed) {
      if (ok.equals(value)) {
        return;
      }
    }
    throw value(name, value);
  }
}
