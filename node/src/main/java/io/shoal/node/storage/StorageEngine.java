package io.shoal.node.storage;

/**
 * What the state machine needs from a key/value store: point reads, ordered range scans and atomic batches.
 * Keys compare as unsigned bytes in every implementation, so both behave the same under the shared test suite.
 */
public interface StorageEngine extends AutoCloseable {

  byte[] get(Space space, byte[] key);

  /** Visits keys in [from, to) in ascending order until the visitor returns false. */
  void scan(Space space, byte[] from, byte[] to, KeyValueVisitor visitor);

  /** Visits keys in [from, to) in descending order until the visitor returns false. */
  void scanReverse(Space space, byte[] from, byte[] to, KeyValueVisitor visitor);

  Batch newBatch();

  /** Applies the batch atomically. */
  void write(Batch batch);

  @Override
  void close();

  @FunctionalInterface
  interface KeyValueVisitor {
    boolean visit(byte[] key, byte[] value);
  }

  /** A set of writes applied atomically by {@link #write}. */
  interface Batch extends AutoCloseable {
    void put(Space space, byte[] key, byte[] value);

    void delete(Space space, byte[] key);

    /** Deletes keys in [from, to). */
    void deleteRange(Space space, byte[] from, byte[] to);

    @Override
    void close();
  }
}
