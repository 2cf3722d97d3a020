package io.shoal.node.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A checksum over everything a group replica holds (items of every table in its range, change log, applied index
 * and sequence). Replicas that applied the same log agree on it byte for byte; that is how tests prove agreement.
 */
public final class GroupDigest {
  private GroupDigest() {}

  public record Result(long appliedIndex, long lastSeq, String checksum, long itemCount) {}

  public static Result compute(GroupStateMachine state) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long[] items = {0};
    return state.inspect(snap -> {
      snap.forEachItem((k, v) -> {
        md.update(k);
        md.update(v);
        items[0]++;
      });
      snap.forEachChange((k, v) -> {
        md.update(k);
        md.update(v);
      });
      md.update(("|" + snap.appliedIndex() + "|" + snap.lastSeq()).getBytes(StandardCharsets.UTF_8));
      return new Result(snap.appliedIndex(), snap.lastSeq(), HexFormat.of().formatHex(md.digest()), items[0]);
    });
  }
}
