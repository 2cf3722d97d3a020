package io.shoal.admin.local;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a separate JVM by DetachedProcessTest: starts {@code sleep} through the launcher, prints its
 * pid and exits, like `shoal up` does.
 */
public final class DetachProbe {

  public static void main(String[] args) throws Exception {
    Process p = ProcessLauncher.startDetached(List.of("sleep", args[1]), Path.of(args[0]),
        Path.of(args[0], "probe.log"));
    System.out.println(p.pid());
    System.out.flush();
    System.exit(0);
  }
}
