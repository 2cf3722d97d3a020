package io.shoal.admin.client;

import java.util.List;

/** No seed answered with a cluster view; {@link #attempts()} says what each one did. */
public final class ClusterUnreachableException extends Exception {

  private final List<String> attempts;

  public ClusterUnreachableException(List<String> attempts) {
    super("no metadata node answered: " + String.join("; ", attempts));
    this.attempts = List.copyOf(attempts);
  }

  public List<String> attempts() {
    return attempts;
  }
}
