package io.shoal.node.rpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.shoal.proto.EncodedRangeReadResponse;
import io.shoal.proto.EncodedReadResponse;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.RangeReadRequest;
import io.shoal.proto.ReadRequest;

/**
 * The node service as served: {@link NodeRpc}'s methods, with Read and ReadRange answering in their encoded twins
 * (node_service.proto, EncodedReadResponse). Those carry the stored bytes of items where the declared responses
 * carry decoded items; the bytes on the wire are the same, so clients built from the proto read them unchanged.
 * A read then costs the node no decoding and re-encoding of the items it returns.
 */
public final class EncodedReads {
  private EncodedReads() {}

  public static ServerServiceDefinition bind(NodeRpc rpc) {
    MethodDescriptor<ReadRequest, EncodedReadResponse> read = NodeServiceGrpc.getReadMethod().toBuilder(
        NodeServiceGrpc.getReadMethod().getRequestMarshaller(),
        ProtoUtils.marshaller(EncodedReadResponse.getDefaultInstance())).build();
    MethodDescriptor<RangeReadRequest, EncodedRangeReadResponse> range = NodeServiceGrpc.getReadRangeMethod()
        .toBuilder(NodeServiceGrpc.getReadRangeMethod().getRequestMarshaller(),
            ProtoUtils.marshaller(EncodedRangeReadResponse.getDefaultInstance())).build();

    ServerServiceDefinition declared = rpc.bindService();
    ServiceDescriptor.Builder service = ServiceDescriptor.newBuilder(NodeServiceGrpc.SERVICE_NAME)
        .setSchemaDescriptor(declared.getServiceDescriptor().getSchemaDescriptor()).addMethod(read).addMethod(range);
    for (MethodDescriptor<?, ?> m : declared.getServiceDescriptor().getMethods()) {
      if (!isReplaced(m, read, range)) {
        service.addMethod(m);
      }
    }
    ServerServiceDefinition.Builder bound = ServerServiceDefinition.builder(service.build())
        .addMethod(read, ServerCalls.asyncUnaryCall(rpc::readEncoded))
        .addMethod(range, ServerCalls.asyncUnaryCall(rpc::readRangeEncoded));
    for (ServerMethodDefinition<?, ?> m : declared.getMethods()) {
      if (!isReplaced(m.getMethodDescriptor(), read, range)) {
        bound.addMethod(m);
      }
    }
    return bound.build();
  }

  private static boolean isReplaced(MethodDescriptor<?, ?> m, MethodDescriptor<?, ?>... replacements) {
    for (MethodDescriptor<?, ?> r : replacements) {
      if (r.getFullMethodName().equals(m.getFullMethodName())) {
        return true;
      }
    }
    return false;
  }
}
