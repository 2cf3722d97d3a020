package io.shoal.admin.bench.workload;

import java.util.List;

/**
 * The DynamoDB JSON bodies of the bench's requests. Table names are checked against DynamoDB's pattern before they
 * get here, so they need no escaping.
 */
public final class Bodies {
  /** The counter attribute of cond-increment. */
  static final String COUNTER = "n";

  private Bodies() {}

  public static String putItem(String table, String item) {
    return "{\"TableName\":\"" + table + "\",\"Item\":" + item + "}";
  }

  public static String getItem(String table, String key, boolean consistent) {
    return "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"" + key + "\"}}"
        + (consistent ? ",\"ConsistentRead\":true" : "") + "}";
  }

  public static String query(String table, String partition, int limit) {
    return "{\"TableName\":\"" + table + "\",\"KeyConditionExpression\":\"pk = :p\","
        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" + partition + "\"}},\"Limit\":" + limit + "}";
  }

  public static String batchWrite(String table, List<String> items) {
    StringBuilder b = new StringBuilder("{\"RequestItems\":{\"").append(table).append("\":[");
    for (int i = 0; i < items.size(); i++) {
      b.append(i == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":").append(items.get(i)).append("}}");
    }
    return b.append("]}}").toString();
  }

  /** A read-modify-write with a condition: the counter grows by one while it is below {@code limit}. */
  public static String condIncrement(String table, String key, long limit) {
    return "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"" + key + "\"}},"
        + "\"UpdateExpression\":\"SET #n = if_not_exists(#n, :zero) + :one\","
        + "\"ConditionExpression\":\"attribute_not_exists(#n) OR #n < :limit\","
        + "\"ExpressionAttributeNames\":{\"#n\":\"" + COUNTER + "\"},"
        + "\"ExpressionAttributeValues\":{\":zero\":{\"N\":\"0\"},\":one\":{\"N\":\"1\"},\":limit\":{\"N\":\""
        + limit + "\"}}}";
  }

  public static String createTable(String table, boolean sortKey) {
    return "{\"TableName\":\"" + table + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}"
        + (sortKey ? ",{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}" : "") + "],"
        + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}"
        + (sortKey ? ",{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}" : "") + "]}";
  }
}
