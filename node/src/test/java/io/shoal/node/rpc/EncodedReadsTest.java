package io.shoal.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.EncodedItemVersion;
import io.shoal.proto.EncodedRangeItem;
import io.shoal.proto.EncodedRangeReadResponse;
import io.shoal.proto.EncodedReadResponse;
import io.shoal.proto.ErrorCode;
import io.shoal.proto.Item;
import io.shoal.proto.ItemVersion;
import io.shoal.proto.NodeServiceGrpc;
import io.shoal.proto.RangeItem;
import io.shoal.proto.RangeReadResponse;
import io.shoal.proto.ReadResponse;
import io.shoal.proto.RpcError;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The encoded twins must put on the wire exactly what the declared responses would, and replace only the reads. */
class EncodedReadsTest {
  private static final Item ITEM = Item.newBuilder()
      .putAttributes("pk", AttributeValue.newBuilder().setS("user#1").build())
      .putAttributes("n", AttributeValue.newBuilder().setN("12.5").build())
      .putAttributes("text", AttributeValue.newBuilder().setS("é€😀 \"quoted\"").build())
      .build();

  /** A version as apply stores it ({@link EncodedItemVersion}), which the node now sends as it is. */
  private static byte[] stored(Item item) {
    return EncodedItemVersion.newBuilder().setItem(item.toByteString()).setHlc(77).setOrigin("local").setSeq(9)
        .build().toByteArray();
  }

  @Test
  void anEncodedReadResponseIsTheReadResponseOfTheStoredVersion() throws Exception {
    for (Item item : List.of(ITEM, Item.getDefaultInstance())) {
      byte[] stored = stored(item);
      byte[] wire = EncodedReadResponse.newBuilder().setFound(true).setVersion(ByteString.copyFrom(stored)).build()
          .toByteArray();
      ReadResponse declared = ReadResponse.newBuilder().setFound(true).setVersion(ItemVersion.newBuilder()
          .setItem(item).setHlc(77).setOrigin("local").setSeq(9)).build();
      assertThat(wire).isEqualTo(declared.toByteArray());
      assertThat(ReadResponse.parseFrom(wire)).isEqualTo(declared);
    }
    RpcError error = RpcError.newBuilder().setCode(ErrorCode.NOT_LEADER).setMessage("elsewhere").build();
    assertThat(EncodedReadResponse.newBuilder().setError(error).build().toByteArray())
        .isEqualTo(ReadResponse.newBuilder().setError(error).build().toByteArray());
    assertThat(EncodedReadResponse.getDefaultInstance().toByteArray())
        .isEqualTo(ReadResponse.getDefaultInstance().toByteArray());
  }

  @Test
  void anEncodedRangeResponseIsTheRangeResponseOfTheStoredItems() throws Exception {
    EncodedRangeReadResponse.Builder encoded = EncodedRangeReadResponse.newBuilder().setTruncated(true)
        .setBytesRead(1234);
    RangeReadResponse.Builder declared = RangeReadResponse.newBuilder().setTruncated(true).setBytesRead(1234);
    int i = 0;
    for (Item item : List.of(ITEM, Item.getDefaultInstance(), ITEM)) {
      ByteString key = ByteString.copyFromUtf8("key-" + i++);
      encoded.addItems(EncodedRangeItem.newBuilder().setKey(key).setItem(item.toByteString()));
      declared.addItems(RangeItem.newBuilder().setKey(key).setItem(item));
    }
    byte[] wire = encoded.build().toByteArray();
    assertThat(wire).isEqualTo(declared.build().toByteArray());
    assertThat(RangeReadResponse.parseFrom(wire)).isEqualTo(declared.build());
  }

  @Test
  void theBoundServiceHasEveryDeclaredMethodWithOnlyTheReadsAnsweringInTwins() throws Exception {
    ServerServiceDefinition bound = EncodedReads.bind(new NodeRpc("n1", "local", null, null, null, null));
    List<String> declared = NodeServiceGrpc.getServiceDescriptor().getMethods().stream()
        .map(MethodDescriptor::getFullMethodName).sorted().collect(Collectors.toList());
    assertThat(bound.getMethods().stream().map(m -> m.getMethodDescriptor().getFullMethodName()).sorted())
        .containsExactlyElementsOf(declared);

    @SuppressWarnings("unchecked")
    MethodDescriptor<?, Object> read = (MethodDescriptor<?, Object>) bound
        .getMethod(NodeServiceGrpc.getReadMethod().getFullMethodName()).getMethodDescriptor();
    EncodedReadResponse answer = EncodedReadResponse.newBuilder().setFound(true)
        .setVersion(ByteString.copyFrom(stored(ITEM))).build();
    try (InputStream sent = read.streamResponse(answer)) {
      assertThat(ReadResponse.parseFrom(sent).getVersion().getItem()).isEqualTo(ITEM);
    }
    @SuppressWarnings("unchecked")
    MethodDescriptor<?, Object> write = (MethodDescriptor<?, Object>) bound
        .getMethod(NodeServiceGrpc.getWriteMethod().getFullMethodName()).getMethodDescriptor();
    assertThat(write).isSameAs(NodeServiceGrpc.getWriteMethod());
  }
}
