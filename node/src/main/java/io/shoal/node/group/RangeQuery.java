package io.shoal.node.group;

/**
 * An ordered read of one table's items within a group: a Query (one partition key with optional sort-key bounds)
 * when {@code partitionKey} is set, else a Scan of the group's range (optionally one parallel-scan segment).
 *
 * @param lower sort-key lower bound (KeyCodec.sortKeyBytes), null for none
 * @param upper sort-key upper bound, null for none
 * @param exclusiveStart item key (KeyCodec.itemKey) to continue after, null to start at the beginning
 * @param segmentStart scan only: first hash position of the segment, null for the whole group
 * @param segmentEnd scan only: exclusive end of the segment (0 = 2^64)
 * @param limit maximum items, 0 for none
 * @param maxBytes stop once this many bytes were read (the item that crosses it is included), 0 for none
 * @param hashTableId the table id partition keys are hashed with: the base table's for an LSI, else tableId
 */
public record RangeQuery(long tableId, byte[] partitionKey, byte[] lower, boolean lowerInclusive, byte[] upper,
    boolean upperInclusive, boolean descending, byte[] exclusiveStart, Long segmentStart, Long segmentEnd,
    int limit, long maxBytes, long hashTableId) {

  public RangeQuery(long tableId, byte[] partitionKey, byte[] lower, boolean lowerInclusive, byte[] upper,
      boolean upperInclusive, boolean descending, byte[] exclusiveStart, Long segmentStart, Long segmentEnd,
      int limit, long maxBytes) {
    this(tableId, partitionKey, lower, lowerInclusive, upper, upperInclusive, descending, exclusiveStart,
        segmentStart, segmentEnd, limit, maxBytes, tableId);
  }
}
