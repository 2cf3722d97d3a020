package io.shoal.admin.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in processes for tests: each node and the router is a {@code sleep} with a distinct duration
 * (so identities differ); {@link #override} swaps in another command for one process.
 */
final class SleepCommands implements CommandFactory {

  private final Map<String, List<String>> overrides = new HashMap<>();

  SleepCommands override(String name, List<String> command) {
    overrides.put(name, command);
    return this;
  }

  @Override
  public LaunchSpec node(NodeSlot node, ClusterLayout layout, Path dataDir) {
    return spec(node.id(), "600." + node.id().substring(1));
  }

  @Override
  public LaunchSpec router(ClusterLayout layout) {
    return spec("router", "600.99");
  }

  private LaunchSpec spec(String name, String seconds) {
    List<String> cmd = overrides.getOrDefault(name, List.of("sleep", seconds));
    return new LaunchSpec(cmd, cmd.get(0));
  }
}
