package io.shoal.admin.bench.load;

/** The DynamoDB operations the load generator sends; results are reported per kind. */
public enum OpKind {
  PUT_ITEM("PutItem"),
  GET_ITEM("GetItem"),
  QUERY("Query"),
  BATCH_WRITE_ITEM("BatchWriteItem"),
  UPDATE_ITEM("UpdateItem");

  private final String operation;

  OpKind(String operation) {
    this.operation = operation;
  }

  /** The operation name as in {@code X-Amz-Target: DynamoDB_20120810.<operation>}. */
  public String operation() {
    return operation;
  }
}
