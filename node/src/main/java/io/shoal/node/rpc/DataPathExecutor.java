package io.shoal.node.rpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.shoal.proto.NodeServiceGrpc;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Runs the item data path (Read, ReadRange, Write, WriteIndex) on the gRPC transport thread that received the call,
 * and every other method on {@code blocking}.
 *
 * <p>Why: these handlers never block. A write only hands a task to the group's Raft queue (jraft refuses with
 * "busy" rather than waiting when the queue is full) and answers later from the apply thread; a read is a RocksDB
 * lookup or a bounded range read. Every other method (metadata, digests, drops, transfers) may wait.
 *
 * <p>The server must be built with {@code directExecutor()} and this supplier ({@link #install}): grpc-java runs a
 * new call's method lookup on the server's executor before it asks the supplier, so a server with a thread pool as
 * its executor hops to that pool once per call even when the supplier answers "direct". That hop was 34% of the
 * leader's gRPC transport thread and most of a 5% pool thread under PutItem load (docs/performance.md, "Fourth
 * session").
 */
public final class DataPathExecutor implements ServerCallExecutorSupplier {
  private static final Set<String> DIRECT = Set.of(
      NodeServiceGrpc.getReadMethod().getFullMethodName(),
      NodeServiceGrpc.getReadRangeMethod().getFullMethodName(),
      NodeServiceGrpc.getWriteMethod().getFullMethodName(),
      NodeServiceGrpc.getWriteIndexMethod().getFullMethodName());

  private final Executor blocking;

  /** Makes {@code server} ask {@code supplier} on the transport thread, with no hop before it answers. */
  public static NettyServerBuilder install(NettyServerBuilder server, ServerCallExecutorSupplier supplier) {
    return server.directExecutor().callExecutor(supplier);
  }

  public DataPathExecutor(Executor blocking) {
    this.blocking = blocking;
  }

  @Override
  public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata metadata) {
    return DIRECT.contains(call.getMethodDescriptor().getFullMethodName()) ? MoreExecutors.directExecutor() : blocking;
  }
}
