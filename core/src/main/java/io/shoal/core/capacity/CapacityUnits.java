package io.shoal.core.capacity;

/**
 * DynamoDB's capacity unit arithmetic (developer guide, "DynamoDB read and write operations"): reads are charged
 * per 4 KB of item size, halved for eventually consistent reads; writes per 1 KB of the larger of the item before
 * and after. Every request is charged at least one unit (half for an eventually consistent read), also when the
 * item is absent.
 *
 * <p>Sizes are DynamoDB item sizes ({@link io.shoal.core.item.ItemSize}). Query and Scan round the sum of the
 * sizes of every item read (before any filter) once; BatchGetItem rounds each item on its own, which callers do
 * by summing {@link #read} per item.
 */
public final class CapacityUnits {
  public static final long READ_UNIT_BYTES = 4 * 1024;
  public static final long WRITE_UNIT_BYTES = 1024;

  private CapacityUnits() {}

  /** Read units for {@code bytes} read in one request (one item, or a whole Query/Scan page). */
  public static double read(long bytes, boolean consistentRead) {
    long units = Math.max(1, ceilDiv(bytes, READ_UNIT_BYTES));
    return consistentRead ? units : units / 2.0;
  }

  /** Write units for one item write: the larger of the sizes before and after (0 for an absent item). */
  public static double write(long oldSize, long newSize) {
    return Math.max(1, ceilDiv(Math.max(oldSize, newSize), WRITE_UNIT_BYTES));
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}
