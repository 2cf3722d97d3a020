package io.shoal.node.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.core.catalog.TableAlterations;
import io.shoal.proto.AlterTableCommand;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.CreateTableCommand;
import io.shoal.proto.DeleteTableCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.MetaCommand;
import io.shoal.proto.Tag;
import io.shoal.proto.TableInfo;
import io.shoal.proto.TagChange;
import io.shoal.proto.UntagChange;
import io.shoal.proto.UpdateTableChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UpdateTable settings, tags and deletion protection through MetaState's log apply. */
class TableAlterationsApplyTest {
  static MetaCommand create(String name, String mode, long rcu, long wcu) {
    return MetaCommand.newBuilder().setVersion(CommandVersion.V1).setCreateTable(CreateTableCommand.newBuilder()
        .setTable(TableInfo.newBuilder().setName(name).setCreatedAtMs(5).setBillingMode(mode)
            .setReadCapacityUnits(rcu).setWriteCapacityUnits(wcu))).build();
  }

  static MetaCommand alter(String name, long at, AlterTableCommand.Builder b) {
    return MetaCommand.newBuilder().setVersion(CommandVersion.V1).setAlterTable(b.setName(name).setAtMs(at)).build();
  }

  static AlterTableCommand.Builder update(UpdateTableChange.Builder u) {
    return AlterTableCommand.newBuilder().setUpdate(u);
  }

  static AlterTableCommand.Builder tag(String... kv) {
    TagChange.Builder t = TagChange.newBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      t.addTags(Tag.newBuilder().setKey(kv[i]).setValue(kv[i + 1]));
    }
    return AlterTableCommand.newBuilder().setTag(t);
  }

  static MetaCommand delete(String name) {
    return MetaCommand.newBuilder().setVersion(CommandVersion.V1)
        .setDeleteTable(DeleteTableCommand.newBuilder().setName(name)).build();
  }

  /** The log this test replays on several replicas. */
  static List<MetaCommand> history() {
    List<MetaCommand> log = new ArrayList<>();
    log.add(create("p", "PROVISIONED", 5, 5));
    log.add(alter("p", 100, update(UpdateTableChange.newBuilder().setSetThroughput(true).setReadCapacityUnits(10)
        .setWriteCapacityUnits(2))));
    log.add(alter("p", 200, update(UpdateTableChange.newBuilder().setBillingMode("PAY_PER_REQUEST"))));
    log.add(alter("p", 300, update(UpdateTableChange.newBuilder().setSetDeletionProtection(true)
        .setDeletionProtection(true))));
    log.add(alter("p", 400, tag("b", "2", "a", "1")));
    log.add(alter("p", 500, tag("a", "one")));
    log.add(alter("p", 600, AlterTableCommand.newBuilder().setUntag(UntagChange.newBuilder().addKeys("b")
        .addKeys("missing"))));
    log.add(delete("p"));
    return log;
  }

  @Test
  void replicasApplyingTheSameLogEndIdenticalAndSurviveSnapshotRestore() {
    MetaState a = new MetaState();
    MetaState b = new MetaState();
    List<MetaResult> results = new ArrayList<>();
    for (MetaCommand c : history()) {
      results.add(a.apply(c));
      b.apply(c);
    }
    assertThat(a.snapshot()).isEqualTo(b.snapshot());
    TableInfo t = a.table("p").orElseThrow();
    assertThat(t.getBillingMode()).isEqualTo("PAY_PER_REQUEST");
    assertThat(t.getReadCapacityUnits()).isZero();
    assertThat(t.getPayPerRequestSinceMs()).as("time from the command").isEqualTo(200);
    assertThat(t.getLastIncreaseMs()).isEqualTo(100);
    assertThat(t.getLastDecreaseMs()).isEqualTo(100);
    assertThat(t.getDeletionProtection()).isTrue();
    assertThat(t.getTagsList()).containsExactly(Tag.newBuilder().setKey("a").setValue("one").build());
    MetaResult deleted = results.get(results.size() - 1);
    assertThat(deleted.error()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(deleted.message()).isEqualTo(
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");

    MetaState restored = new MetaState();
    restored.restore(a.snapshot());
    assertThat(restored.table("p")).contains(t);
    // Unprotect, then the delete goes through on the restored replica.
    assertThat(restored.apply(alter("p", 700, update(UpdateTableChange.newBuilder().setSetDeletionProtection(true)
        .setDeletionProtection(false)))).isOk()).isTrue();
    assertThat(restored.apply(delete("p")).isOk()).isTrue();
  }

  @Test
  void throughputRulesAreJudgedAgainstTheCommittedTable() {
    MetaState s = new MetaState();
    s.apply(create("p", "PROVISIONED", 5, 7));
    MetaResult same = s.apply(alter("p", 1, update(UpdateTableChange.newBuilder().setSetThroughput(true)
        .setReadCapacityUnits(5).setWriteCapacityUnits(7))));
    assertThat(same.error()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(same.message()).isEqualTo("The provisioned throughput for the table will not change. The requested"
        + " value equals the current value. Current ReadCapacityUnits provisioned for the table: 5. Requested"
        + " ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 7. Requested"
        + " WriteCapacityUnits: 7. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request"
        + " higher limits.");
    s.apply(create("o", "PAY_PER_REQUEST", 0, 0));
    assertThat(s.apply(alter("o", 1, update(UpdateTableChange.newBuilder().setBillingMode("PROVISIONED"))))
        .message()).isEqualTo(TableAlterations.THROUGHPUT_REQUIRED);
    assertThat(s.apply(alter("o", 1, update(UpdateTableChange.newBuilder().setSetThroughput(true)
        .setReadCapacityUnits(1).setWriteCapacityUnits(1)))).message())
        .isEqualTo(TableAlterations.THROUGHPUT_ON_DEMAND_TABLE);
    MetaResult back = s.apply(alter("o", 9, update(UpdateTableChange.newBuilder().setBillingMode("PROVISIONED")
        .setSetThroughput(true).setReadCapacityUnits(3).setWriteCapacityUnits(4))));
    assertThat(back.table().getBillingMode()).isEqualTo("PROVISIONED");
    assertThat(back.table().getReadCapacityUnits()).isEqualTo(3);
    assertThat(s.apply(alter("missing", 1, tag("a", "b"))).error()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
  }

  @Test
  void tagLimitCountsTagsAfterTheMerge() {
    MetaState s = new MetaState();
    s.apply(create("p", "PAY_PER_REQUEST", 0, 0));
    String[] fifty = new String[100];
    for (int i = 0; i < 50; i++) {
      fifty[2 * i] = "k" + i;
      fifty[2 * i + 1] = "v";
    }
    assertThat(s.apply(alter("p", 1, tag(fifty))).isOk()).isTrue();
    assertThat(s.apply(alter("p", 2, tag("k0", "overwritten"))).isOk()).as("overwriting adds none").isTrue();
    MetaResult over = s.apply(alter("p", 3, tag("k50", "v")));
    assertThat(over.error()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(over.message()).isEqualTo("Number of Tags exceed the current limit for the provided ResourceArn");
    assertThat(s.table("p").orElseThrow().getTagsCount()).isEqualTo(50);
  }
}
