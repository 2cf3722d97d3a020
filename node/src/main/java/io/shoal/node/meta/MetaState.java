package io.shoal.node.meta;

import io.shoal.core.catalog.IndexAlterations;
import io.shoal.core.catalog.TableAlterationException;
import io.shoal.core.catalog.TableAlterations;
import io.shoal.proto.CommandVersion;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.MetaCommand;
import io.shoal.proto.MetaSnapshot;
import io.shoal.proto.NodeInfo;
import io.shoal.proto.PartitionMap;
import io.shoal.proto.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated catalog. Applied only from the metadata group's log, deterministically: table ids come from a
 * replicated counter, creation and change times from
 * the command. Reads take a consistent copy under the lock.
 */
public final class MetaState {
  /**
   * DeleteTable on a protected table: DynamoDB's ValidationException text (API reference, DeleteTable; the same
   * text is reported by tools that hit it, e.g. aws-nuke's DynamoDB table tests).
   */
  public static final String DELETION_PROTECTED =
      "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.";

  private final Map<String, NodeInfo> nodes = new TreeMap<>();
  private final Map<String, TableInfo> tables = new TreeMap<>();
  private PartitionMap partitionMap = PartitionMap.getDefaultInstance();
  private long nextTableId = 1;

  public synchronized MetaResult apply(MetaCommand cmd) {
    if (cmd.getVersion() != CommandVersion.V1) {
      throw new IllegalStateException("unknown metadata command version " + cmd.getVersionValue());
    }
    switch (cmd.getOpCase()) {
      case REGISTER_NODE:
        nodes.put(cmd.getRegisterNode().getNode().getId(), cmd.getRegisterNode().getNode());
        return MetaResult.ok(null);
      case CREATE_TABLE: {
        TableInfo spec = cmd.getCreateTable().getTable();
        if (tables.containsKey(spec.getName())) {
          return MetaResult.failed(ErrorCode.TABLE_EXISTS, "Table already exists: " + spec.getName());
        }
        TableInfo t = spec.toBuilder().setId(nextTableId++).setStatus(TableInfo.Status.ACTIVE).build();
        t = IndexAlterations.assignIds(t, () -> nextTableId++, spec.getCreatedAtMs());
        tables.put(t.getName(), t);
        return MetaResult.ok(t);
      }
      case DELETE_TABLE: {
        TableInfo t = tables.get(cmd.getDeleteTable().getName());
        if (t == null) {
          return MetaResult.failed(ErrorCode.TABLE_NOT_FOUND, "Requested resource not found");
        }
        if (t.getDeletionProtection()) {
          return MetaResult.failed(ErrorCode.VALIDATION, DELETION_PROTECTED);
        }
        tables.remove(t.getName());
        return MetaResult.ok(t);
      }
      case ALTER_TABLE: {
        TableInfo t = tables.get(cmd.getAlterTable().getName());
        if (t == null) {
          return MetaResult.failed(ErrorCode.TABLE_NOT_FOUND, "Requested resource not found");
        }
        try {
          TableInfo altered = alter(t, cmd.getAlterTable());
          tables.put(altered.getName(), altered);
          return MetaResult.ok(altered);
        } catch (TableAlterationException e) {
          return MetaResult.failed(e.notFound() ? ErrorCode.TABLE_NOT_FOUND : ErrorCode.VALIDATION, e.getMessage());
        }
      }
      case SET_PARTITION_MAP: {
        long expected = cmd.getSetPartitionMap().getExpectedVersion();
        if (partitionMap.getVersion() != expected) {
          return MetaResult.failed(ErrorCode.EPOCH_MISMATCH,
              "partition map is at version " + partitionMap.getVersion() + ", not " + expected);
        }
        partitionMap = cmd.getSetPartitionMap().getMap().toBuilder().setVersion(expected + 1).build();
        return MetaResult.ok(null);
      }
      default:
        throw new IllegalStateException("metadata command without operation");
    }
  }

  private TableInfo alter(TableInfo t, io.shoal.proto.AlterTableCommand alter) {
    switch (alter.getChangeCase()) {
      case CREATE_INDEX: {
        // The id is taken only when the change is accepted, so a refused create leaves the counter alone.
        long[] id = {0};
        TableInfo altered = IndexAlterations.create(t, alter.getCreateIndex().getIndex(), () -> id[0] = nextTableId,
            alter.getAtMs());
        nextTableId = id[0] + 1;
        return altered;
      }
      case DELETE_INDEX:
        return IndexAlterations.delete(t, alter.getDeleteIndex().getIndexName());
      case INDEX_ACTIVATED:
        return IndexAlterations.activated(t, alter.getIndexActivated().getIndexId());
      default:
        return TableAlterations.apply(t, alter);
    }
  }

  public synchronized Optional<TableInfo> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The id the next table or index will get; every smaller id was assigned already (ids are never reused). */
  public synchronized long nextTableId() {
    return nextTableId;
  }

  public synchronized List<TableInfo> tables() {
    return new ArrayList<>(tables.values());
  }

  public synchronized List<NodeInfo> nodes() {
    return new ArrayList<>(nodes.values());
  }

  public synchronized Optional<NodeInfo> node(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public synchronized PartitionMap partitionMap() {
    return partitionMap;
  }

  public synchronized MetaSnapshot snapshot() {
    return MetaSnapshot.newBuilder().addAllNodes(nodes.values()).addAllTables(tables.values())
        .setPartitionMap(partitionMap).setNextTableId(nextTableId).build();
  }

  public synchronized void restore(MetaSnapshot s) {
    nodes.clear();
    tables.clear();
    s.getNodesList().forEach(n -> nodes.put(n.getId(), n));
    s.getTablesList().forEach(t -> tables.put(t.getName(), t));
    partitionMap = s.getPartitionMap();
    nextTableId = Math.max(1, s.getNextTableId());
  }
}
