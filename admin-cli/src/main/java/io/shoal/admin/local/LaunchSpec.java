package io.shoal.admin.local;

import java.util.List;

/** A command line to start and the element of it that identifies the process (see ProcessRecord). */
public record LaunchSpec(List<String> command, String mainClass) {

  public LaunchSpec {
    command = List.copyOf(command);
    if (!command.contains(mainClass)) {
      throw new IllegalArgumentException("command does not contain " + mainClass + ": " + command);
    }
  }
}
