package io.shoal.node.storage;

/** A storage failure the node cannot handle locally; the replica stops rather than diverge. */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
