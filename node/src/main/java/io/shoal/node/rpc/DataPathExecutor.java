package io.shoal.node.rpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.shoal.proto.NodeServiceGrpc;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Runs the item data path (Read, ReadRange, Write, WriteIndex) on the gRPC transport thread that received the call.
 *
 * <p>Why: these handlers never block. A write only hands a task to the group's Raft queue (jraft refuses with
 * "busy" rather than waiting when the queue is full) and answers later from the apply thread; a read is a RocksDB
 * lookup or a bounded range read. Hopping to grpc's default pool cost a thread hand-off per call, measurable on
 * a 2-core machine (docs/performance.md). Every other method (metadata, digests, drops, transfers) may wait and
 * keeps the default executor.
 */
public final class DataPathExecutor implements ServerCallExecutorSupplier {
  private static final Set<String> DIRECT = Set.of(
      NodeServiceGrpc.getReadMethod().getFullMethodName(),
      NodeServiceGrpc.getReadRangeMethod().getFullMethodName(),
      NodeServiceGrpc.getWriteMethod().getFullMethodName(),
      NodeServiceGrpc.getWriteIndexMethod().getFullMethodName());

  @Override
  public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata metadata) {
    return DIRECT.contains(call.getMethodDescriptor().getFullMethodName()) ? MoreExecutors.directExecutor() : null;
  }
}
