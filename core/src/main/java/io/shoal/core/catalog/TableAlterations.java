package io.shoal.core.catalog;

import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.Tag;
import io.shoal.proto.TableInfo;
import io.shoal.proto.UpdateTableChange;
import java.util.List;
import java.util.TreeMap;

/**
 * Applies an {@link AlterTableCommand} to a table. The checks that depend on the table's current settings live here
 * rather than in the router, so they are judged against the committed table in log order.
 */
public final class TableAlterations {
  public static final String PROVISIONED = "PROVISIONED";
  public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";
  /** Tags per table (DynamoDB developer guide, "Tagging restrictions": 50 per resource). */
  public static final int MAX_TAGS = 50;

  private static final String INVALID = "One or more parameter values were invalid: ";
  // Texts as DynamoDB returns them for UpdateTable (the first two also for CreateTable; see TablesApi).
  public static final String NEITHER_CAPACITY_ON_DEMAND = INVALID
      + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST";
  public static final String THROUGHPUT_ON_DEMAND_TABLE = INVALID
      + "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST";
  public static final String THROUGHPUT_REQUIRED = INVALID
      + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED";
  /** 50-tag limit: a ValidationException, not LimitExceededException, in DynamoDB. */
  public static final String TOO_MANY_TAGS = "Number of Tags exceed the current limit for the provided ResourceArn";

  private TableAlterations() {}

  /** The table after {@code cmd}; throws {@link TableAlterationException} when DynamoDB would refuse it. */
  public static TableInfo apply(TableInfo table, AlterTableCommand cmd) {
    return switch (cmd.getChangeCase()) {
      case UPDATE -> update(table, cmd.getUpdate(), cmd.getAtMs());
      case TAG -> tag(table, cmd.getTag().getTagsList());
      case UNTAG -> untag(table, cmd.getUntag().getKeysList());
      default -> throw new IllegalArgumentException("alter-table command without a change");
    };
  }

  static TableInfo update(TableInfo t, UpdateTableChange u, long atMs) {
    TableInfo.Builder b = t.toBuilder();
    boolean onDemandNow = PAY_PER_REQUEST.equals(t.getBillingMode());
    String mode = u.getBillingMode().isEmpty() ? t.getBillingMode() : u.getBillingMode();
    if (PAY_PER_REQUEST.equals(mode)) {
      if (u.getSetThroughput()) {
        throw new TableAlterationException(
            u.getBillingMode().isEmpty() ? THROUGHPUT_ON_DEMAND_TABLE : NEITHER_CAPACITY_ON_DEMAND);
      }
      if (!onDemandNow) {
        b.setBillingMode(PAY_PER_REQUEST).setReadCapacityUnits(0).setWriteCapacityUnits(0)
            .setPayPerRequestSinceMs(atMs);
      }
    } else if (onDemandNow) {
      // Switching to provisioned capacity needs the capacity to provision.
      if (!u.getSetThroughput()) {
        throw new TableAlterationException(THROUGHPUT_REQUIRED);
      }
      b.setBillingMode(PROVISIONED).setReadCapacityUnits(u.getReadCapacityUnits())
          .setWriteCapacityUnits(u.getWriteCapacityUnits());
      if (t.getPayPerRequestSinceMs() == 0) {
        // Created on demand: DescribeTable keeps reporting when it last was (its creation).
        b.setPayPerRequestSinceMs(t.getCreatedAtMs());
      }
    } else if (u.getSetThroughput()) {
      long readDiff = u.getReadCapacityUnits() - t.getReadCapacityUnits();
      long writeDiff = u.getWriteCapacityUnits() - t.getWriteCapacityUnits();
      if (readDiff == 0 && writeDiff == 0) {
        throw new TableAlterationException(unchangedThroughput(t, u));
      }
      b.setReadCapacityUnits(u.getReadCapacityUnits()).setWriteCapacityUnits(u.getWriteCapacityUnits());
      if (readDiff > 0 || writeDiff > 0) {
        b.setLastIncreaseMs(atMs);
      }
      if (readDiff < 0 || writeDiff < 0) {
        b.setLastDecreaseMs(atMs);
      }
    }
    if (u.getSetDeletionProtection()) {
      b.setDeletionProtection(u.getDeletionProtection());
    }
    return b.build();
  }

  /** dynalite actions/updateTable.js, which quotes DynamoDB's text. */
  static String unchangedThroughput(TableInfo t, UpdateTableChange u) {
    return "The provisioned throughput for the table will not change. The requested value equals the current value."
        + " Current ReadCapacityUnits provisioned for the table: " + t.getReadCapacityUnits()
        + ". Requested ReadCapacityUnits: " + u.getReadCapacityUnits() + "."
        + " Current WriteCapacityUnits provisioned for the table: " + t.getWriteCapacityUnits()
        + ". Requested WriteCapacityUnits: " + u.getWriteCapacityUnits() + "."
        + " Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.";
  }

  static TableInfo tag(TableInfo t, List<Tag> added) {
    TreeMap<String, String> tags = current(t);
    for (Tag tag : added) {
      tags.put(tag.getKey(), tag.getValue());
    }
    if (tags.size() > MAX_TAGS) {
      throw new TableAlterationException(TOO_MANY_TAGS);
    }
    return withTags(t, tags);
  }

  static TableInfo untag(TableInfo t, List<String> keys) {
    TreeMap<String, String> tags = current(t);
    keys.forEach(tags::remove);
    return withTags(t, tags);
  }

  private static TreeMap<String, String> current(TableInfo t) {
    TreeMap<String, String> tags = new TreeMap<>();
    t.getTagsList().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
    return tags;
  }

  private static TableInfo withTags(TableInfo t, TreeMap<String, String> tags) {
    TableInfo.Builder b = t.toBuilder().clearTags();
    tags.forEach((k, v) -> b.addTags(Tag.newBuilder().setKey(k).setValue(v)));
    return b.build();
  }
}
