package io.shoal.node.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.proto.CommandVersion;
import io.shoal.proto.CreateTableCommand;
import io.shoal.proto.DeleteTableCommand;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.GroupInfo;
import io.shoal.proto.MetaCommand;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.RegisterNodeCommand;
import io.shoal.proto.SetPartitionMapCommand;
import io.shoal.proto.TableInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaStateTest {
  static MetaCommand create(String name, long at) {
    return MetaCommand.newBuilder().setVersion(CommandVersion.V1).setCreateTable(CreateTableCommand.newBuilder()
        .setTable(TableInfo.newBuilder().setName(name).setCreatedAtMs(at))).build();
  }

  static MetaCommand delete(String name) {
    return MetaCommand.newBuilder().setVersion(CommandVersion.V1)
        .setDeleteTable(DeleteTableCommand.newBuilder().setName(name)).build();
  }

  static MetaCommand setMap(long expected, int groups) {
    PartitionMap.Builder m = PartitionMap.newBuilder();
    for (int i = 1; i <= groups; i++) {
      m.addGroups(GroupInfo.newBuilder().setId(i));
    }
    return MetaCommand.newBuilder().setVersion(CommandVersion.V1).setSetPartitionMap(
        SetPartitionMapCommand.newBuilder().setMap(m).setExpectedVersion(expected)).build();
  }

  @Test
  void tableIdsComeFromTheReplicatedCounterAndAreNeverReused() {
    MetaState s = new MetaState();
    assertThat(s.apply(create("a", 10)).table().getId()).isEqualTo(1);
    assertThat(s.apply(create("b", 11)).table().getId()).isEqualTo(2);
    assertThat(s.apply(create("a", 12)).error()).isEqualTo(ErrorCode.TABLE_EXISTS);
    assertThat(s.apply(delete("a")).table().getId()).isEqualTo(1);
    assertThat(s.apply(delete("a")).error()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    MetaResult again = s.apply(create("a", 13));
    assertThat(again.table().getId()).as("a re-created table gets a fresh id").isEqualTo(3);
    assertThat(again.table().getCreatedAtMs()).as("time comes from the command").isEqualTo(13);
    assertThat(again.table().getStatus()).isEqualTo(TableInfo.Status.ACTIVE);
    assertThat(s.tables()).extracting(TableInfo::getName).containsExactly("a", "b");
  }

  @Test
  void partitionMapChangesOnlyFromTheVersionTheProposerSaw() {
    MetaState s = new MetaState();
    assertThat(s.apply(setMap(0, 3)).isOk()).isTrue();
    assertThat(s.partitionMap().getVersion()).isEqualTo(1);
    // A second placement raced with the first and based itself on version 0: refused, the map stays.
    assertThat(s.apply(setMap(0, 5)).error()).isEqualTo(ErrorCode.EPOCH_MISMATCH);
    assertThat(s.partitionMap().getGroupsCount()).isEqualTo(3);
  }

  @Test
  void snapshotRestoresTheSameStateAndCounter() {
    MetaState s = new MetaState();
    s.apply(MetaCommand.newBuilder().setVersion(CommandVersion.V1).setRegisterNode(RegisterNodeCommand.newBuilder()
        .setNode(NodeInfo.newBuilder().setId("n1").setZone("a"))).build());
    s.apply(create("t", 1));
    s.apply(setMap(0, 2));
    MetaState restored = new MetaState();
    restored.restore(s.snapshot());
    assertThat(restored.snapshot()).isEqualTo(s.snapshot());
    assertThat(restored.apply(create("u", 2)).table().getId()).isEqualTo(2);
    assertThat(restored.nodes()).extracting(NodeInfo::getId).isEqualTo(List.of("n1"));
  }

  @Test
  void sameCommandsGiveTheSameState() {
    List<MetaCommand> cmds = List.of(create("x", 1), create("y", 2), delete("x"), setMap(0, 4), create("x", 3));
    MetaState a = new MetaState();
    MetaState b = new MetaState();
    cmds.forEach(a::apply);
    cmds.forEach(b::apply);
    assertThat(a.snapshot().toByteArray()).isEqualTo(b.snapshot().toByteArray());
  }
}
