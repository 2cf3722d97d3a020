package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.AttributeValue;
import io.shoal.router.api.LegacyExpressions.AttributeUpdate;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legacy {@code AttributeUpdates} map of UpdateItem: {@code {"attr": {"Action": "PUT"|"ADD"|"DELETE", "Value":
 * v}}}, Action defaulting to PUT (API reference, AttributeValueUpdate).
 *
 * <p>Checks, order and texts are dynalite's validations/updateItem.js custom() and its test/updateItem.js (written
 * against DynamoDB); the Action enum check is stage 2 of the request (see {@link #constraints}).
 */
final class LegacyAttributeUpdates {
  /** AttributeAction as the API reference lists it; DynamoDB's order in the constraint text is our assumption. */
  static final List<String> ACTIONS = List.of("ADD", "PUT", "DELETE");
  private static final String INVALID = LegacyConditions.INVALID;
  private static final Set<String> SETS = Set.of("SS", "NS", "BS");
  private static final Set<String> ADDABLE = Set.of("N", "SS", "NS", "BS", "L");
  /** dynalite actions/updateItem.js applyAttributeUpdates: a legacy ADD/DELETE on an attribute of another type. */
  static final String TYPE_MISMATCH = "Type mismatch for attribute to update";

  private LegacyAttributeUpdates() {}

  /** Stage 2: each Action, when given, must be one of the enum (path as DynamoDB's constraint messages write it). */
  static void constraints(Constraints c, ObjectNode updates) {
    if (updates == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    updates.fieldNames().forEachRemaining(names::add);
    for (int i = names.size() - 1; i >= 0; i--) {
      ObjectNode u = RequestFields.valueStructure(updates.get(names.get(i)), "AttributeValueUpdate");
      String action = u == null ? null : RequestFields.string(u, "Action");
      c.oneOf("attributeUpdates." + names.get(i) + ".member.action", action, ACTIONS);
    }
  }

  /** Stage 3: values decoded and the action/value rules checked, in request order; empty when absent. */
  static List<AttributeUpdate> read(ObjectNode updates) {
    List<AttributeUpdate> out = new ArrayList<>();
    if (updates == null) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) updates::fields) {
      ObjectNode u = RequestFields.valueStructure(e.getValue(), "AttributeValueUpdate");
      String action = u == null ? null : RequestFields.string(u, "Action");
      action = action == null ? "PUT" : action;
      AttributeValue value =
          u == null || RequestFields.absent(u, "Value") ? null : AttributeJson.readValue(u.get("Value"));
      if (value == null && !action.equals("DELETE")) {
        throw DynamoException.validation(
            INVALID + "Only DELETE action is allowed when no attribute value is specified");
      }
      String type = value == null ? null : AttributeJson.typeName(value);
      if (value != null && action.equals("DELETE") && !SETS.contains(type)) {
        throw DynamoException.validation(INVALID + "DELETE action with value is not supported for the type " + type);
      }
      if (value != null && action.equals("ADD") && !ADDABLE.contains(type)) {
        throw DynamoException.validation(INVALID + "ADD action is not supported for the type " + type);
      }
      out.add(new AttributeUpdate(e.getKey(), action, value));
    }
    return out;
  }
}
