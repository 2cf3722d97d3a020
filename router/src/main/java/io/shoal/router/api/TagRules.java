package io.shoal.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.core.catalog.TableAlterations;
import io.shoal.proto.Tag;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.RequestFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation shared by TagResource, UntagResource, ListTagsOfResource and CreateTable's Tags: table ARNs and tag
 * keys and values. Texts from dynalite's validations/tagResource.js and test/*TagResource.js (recorded against
 * DynamoDB), and DynamoDB's tagging restrictions (developer guide, "Tagging for DynamoDB": 50 tags, key 1-128 and
 * value 0-256 Unicode characters of letters, digits, spaces and _ . : / = + - @, "aws:" reserved).
 */
final class TagRules {
  static final String INVALID_ARN = "Invalid TableArn";
  static final String NO_TAGS = "Atleast one Tag needs to be provided as Input.";
  static final String NO_TAG_KEYS = "Atleast one Tag Key needs to be provided as Input.";
  static final int MAX_KEY = 128;
  static final int MAX_VALUE = 256;

  private static final Pattern TABLE_ARN = Pattern.compile("arn:aws:dynamodb:([^:]*):([^:]*):table/(.*)");
  private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private TagRules() {}

  /**
   * The table an ARN names. Only ARNs of this router's region (the request's) and account name a table here; any
   * other is refused as DynamoDB refuses another region's ARN.
   */
  static String tableName(String arn, String region, ApiSettings settings) {
    if (!arn.startsWith("arn:")) {
      // DynamoDB's text for a string that is not an ARN at all (Shoal has no IAM to deny it first).
      throw DynamoException.validation("One or more parameter values were invalid: ARNs must start with 'arn:': "
          + arn);
    }
    Matcher m = TABLE_ARN.matcher(arn);
    if (!m.matches() || !m.group(1).equals(region) || !m.group(2).equals(settings.accountId())
        || !validTableName(m.group(3))) {
      throw DynamoException.validation(INVALID_ARN + ": Invalid ResourceArn provided as input " + arn);
    }
    return m.group(3);
  }

  private static boolean validTableName(String name) {
    return name.length() >= 3 && name.length() <= 255 && name.matches("[a-zA-Z0-9_.-]+");
  }

  /** Parses and checks a Tags list (TagResource, CreateTable); an empty list is the caller's to judge. */
  static List<Tag> tags(ArrayNode json) {
    List<ObjectNode> members = new ArrayList<>();
    for (JsonNode element : json) {
      members.add(element.isNull() ? null : RequestFields.valueStructure(element, "Tag"));
    }
    Constraints c = new Constraints();
    for (int i = 0; i < members.size(); i++) {
      ObjectNode t = members.get(i);
      String path = "tags." + (i + 1) + ".member.";
      String key = t == null ? null : RequestFields.string(t, "Key");
      String value = t == null ? null : RequestFields.string(t, "Value");
      c.notNull(path + "key", key).lengthBetween(path + "key", key, 1, MAX_KEY);
      c.notNull(path + "value", value).lengthBetween(path + "value", value, 0, MAX_VALUE);
    }
    c.throwIfAny();
    if (members.size() > TableAlterations.MAX_TAGS) {
      throw DynamoException.validation(TableAlterations.TOO_MANY_TAGS);
    }
    List<Tag> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ObjectNode t : members) {
      String key = RequestFields.string(t, "Key");
      String value = RequestFields.string(t, "Value");
      checkKey(key);
      if (!TAG_CHARS.matcher(value).matches()) {
        throw DynamoException.validation("The Tag Value provided is invalid, Value: " + value);
      }
      if (!seen.add(key)) {
        throw DynamoException.validation("Duplicate Tag Keys provided as input: Duplicate Tag Key found " + key);
      }
      out.add(Tag.newBuilder().setKey(key).setValue(value).build());
    }
    return out;
  }

  /** Parses and checks UntagResource's TagKeys. */
  static List<String> tagKeys(ArrayNode json) {
    List<String> keys = new ArrayList<>();
    for (JsonNode element : json) {
      keys.add(RequestFields.asString(element));
    }
    Constraints c = new Constraints();
    for (int i = 0; i < keys.size(); i++) {
      c.notNull("tagKeys." + (i + 1) + ".member", keys.get(i))
          .lengthBetween("tagKeys." + (i + 1) + ".member", keys.get(i), 1, MAX_KEY);
    }
    c.throwIfAny();
    keys.forEach(TagRules::checkKey);
    return keys;
  }

  private static void checkKey(String key) {
    if (!TAG_CHARS.matcher(key).matches()) {
      throw DynamoException.validation("The Tag Key provided is invalid, Key: " + key);
    }
    if (key.startsWith("aws:")) {
      throw DynamoException.validation("Tag Key cannot be prefixed with aws:, Key: " + key);
    }
  }
}
