package io.shoal.admin.bench.stub;

import io.netty.buffer.ByteBuf;
import io.shoal.admin.bench.workload.ItemJson;
import io.shoal.admin.bench.workload.RequestTemplate;
import java.util.HashMap;
import java.util.Map;

/**
 * What the stub answers for an operation: a pre-built response (see {@link CannedResponse}). Called on the stub's
 * event loop for every request.
 */
@FunctionalInterface
public interface StubResponses {
  ByteBuf answer(String operation);

  /**
   * 200s of realistic size: {@code {}} for PutItem, UpdateItem and DeleteItem, one item of {@code itemSize} for
   * GetItem, {@code queryLimit} items for Query, an empty UnprocessedItems for BatchWriteItem, an ACTIVE table for
   * DescribeTable and CreateTable; UnknownOperationException for anything else.
   */
  static StubResponses realistic(int itemSize, int queryLimit, long seed) {
    ItemJson items = new ItemJson(itemSize, seed);
    StringBuilder query = new StringBuilder("{\"Count\":").append(queryLimit).append(",\"Items\":[");
    for (int i = 0; i < queryLimit; i++) {
      query.append(i == 0 ? "" : ",").append(items.sorted(RequestTemplate.key('p', 0), i));
    }
    query.append("],\"LastEvaluatedKey\":{\"pk\":{\"S\":\"").append(RequestTemplate.key('p', 0))
        .append("\"},\"sk\":{\"N\":\"").append(Math.max(0, queryLimit - 1)).append("\"}},\"ScannedCount\":")
        .append(queryLimit).append('}');
    Map<String, ByteBuf> byOp = new HashMap<>();
    ByteBuf empty = CannedResponse.of(200, "{}");
    byOp.put("PutItem", empty);
    byOp.put("UpdateItem", empty);
    byOp.put("DeleteItem", empty);
    byOp.put("GetItem", CannedResponse.of(200, "{\"Item\":" + items.kv(RequestTemplate.key('k', 0)) + "}"));
    byOp.put("Query", CannedResponse.of(200, query.toString()));
    byOp.put("BatchWriteItem", CannedResponse.of(200, "{\"UnprocessedItems\":{}}"));
    byOp.put("DescribeTable", CannedResponse.of(200, "{\"Table\":{\"TableName\":\"stub\",\"TableStatus\":\"ACTIVE\"}}"));
    byOp.put("CreateTable", CannedResponse.of(200,
        "{\"TableDescription\":{\"TableName\":\"stub\",\"TableStatus\":\"ACTIVE\"}}"));
    byOp.put("ListTables", CannedResponse.of(200, "{\"TableNames\":[]}"));
    ByteBuf unknown = CannedResponse.of(400, "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
    return op -> byOp.getOrDefault(op, unknown);
  }
}
