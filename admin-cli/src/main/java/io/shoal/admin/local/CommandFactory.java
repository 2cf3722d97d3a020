package io.shoal.admin.local;

import java.nio.file.Path;

/**
 * Builds the command lines of a cluster's processes. {@link JavaCommandFactory} is the real one; tests
 * plug in stand-ins (for example {@code sleep}) to exercise process management without a build.
 */
public interface CommandFactory {

  LaunchSpec node(NodeSlot node, ClusterLayout layout, Path dataDir);

  LaunchSpec router(ClusterLayout layout);

  /** Fails with an actionable message if the commands cannot run (for example jars not built). */
  default void verify() {}
}
