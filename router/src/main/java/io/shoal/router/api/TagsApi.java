package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.Tag;
import io.shoal.proto.TableInfo;
import io.shoal.proto.TagChange;
import io.shoal.proto.UntagChange;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import io.shoal.router.json.RequestFields;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * TagResource, UntagResource and ListTagsOfResource on table ARNs. Tags live in the catalog entry of the table, so
 * they are replicated with it and go when it is deleted.
 */
public final class TagsApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /**
   * Tags per ListTagsOfResource page. DynamoDB does not document its page size; with at most 50 tags a small page
   * keeps NextToken exercised by clients and tests.
   */
  static final int LIST_PAGE = 10;

  private final Cluster cluster;
  private final ApiSettings settings;

  public TagsApi(Cluster cluster, ApiSettings settings) {
    this.cluster = Objects.requireNonNull(cluster);
    this.settings = Objects.requireNonNull(settings);
  }

  public CompletableFuture<ObjectNode> tagResource(RequestContext ctx, ObjectNode body) {
    String arn = RequestFields.string(body, "ResourceArn");
    ArrayNode tagsJson = RequestFields.list(body, "Tags");
    // Order of checks: dynalite validations/tagResource.js.
    if (arn == null) {
      throw DynamoException.validation(TagRules.INVALID_ARN);
    }
    new Constraints().notNull("tags", tagsJson).throwIfAny();
    String table = TagRules.tableName(arn, ctx.region(), settings);
    if (tagsJson.isEmpty()) {
      throw DynamoException.validation(TagRules.NO_TAGS);
    }
    List<Tag> tags = TagRules.tags(tagsJson);
    AlterTableCommand change = AlterTableCommand.newBuilder().setName(table)
        .setTag(TagChange.newBuilder().addAllTags(tags)).build();
    return cluster.alterTable(change).thenApply(t -> {
      t.orElseThrow(() -> arnNotFound(arn));
      return NODES.objectNode();
    });
  }

  public CompletableFuture<ObjectNode> untagResource(RequestContext ctx, ObjectNode body) {
    String arn = RequestFields.string(body, "ResourceArn");
    ArrayNode keysJson = RequestFields.list(body, "TagKeys");
    // dynalite validations/untagResource.js and test/untagResource.js.
    if (arn == null) {
      throw DynamoException.validation(TagRules.INVALID_ARN);
    }
    new Constraints().notNull("tagKeys", keysJson).throwIfAny();
    String table = TagRules.tableName(arn, ctx.region(), settings);
    if (keysJson.isEmpty()) {
      throw DynamoException.validation(TagRules.NO_TAG_KEYS);
    }
    List<String> keys = TagRules.tagKeys(keysJson);
    AlterTableCommand change = AlterTableCommand.newBuilder().setName(table)
        .setUntag(UntagChange.newBuilder().addAllKeys(keys)).build();
    return cluster.alterTable(change).thenApply(t -> {
      // UntagResource's not-found text is the bare one (dynalite test/untagResource.js).
      t.orElseThrow(() -> DynamoException.resourceNotFound("Requested resource not found"));
      return NODES.objectNode();
    });
  }

  public CompletableFuture<ObjectNode> listTagsOfResource(RequestContext ctx, ObjectNode body) {
    String arn = RequestFields.string(body, "ResourceArn");
    String nextToken = RequestFields.string(body, "NextToken");
    if (arn == null) {
      throw DynamoException.validation(TagRules.INVALID_ARN);
    }
    String table = TagRules.tableName(arn, ctx.region(), settings);
    return cluster.describeTable(table).thenApply(found -> {
      TableInfo t = found.orElseThrow(() -> arnNotFound(arn));
      // Tags are kept sorted by key; the token is the last key of the previous page.
      ObjectNode out = NODES.objectNode();
      ArrayNode tags = out.putArray("Tags");
      int n = 0;
      for (Tag tag : t.getTagsList()) {
        if (nextToken != null && tag.getKey().compareTo(nextToken) <= 0) {
          continue;
        }
        if (n == LIST_PAGE) {
          out.put("NextToken", tags.get(n - 1).get("Key").asText());
          break;
        }
        tags.addObject().put("Key", tag.getKey()).put("Value", tag.getValue());
        n++;
      }
      return out;
    });
  }

  /** TagResource's and ListTagsOfResource's text, "ResourcArn" typo included (dynalite test/tagResource.js). */
  private static DynamoException arnNotFound(String arn) {
    return DynamoException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
  }
}
