package io.shoal.chaos.net;

import static io.shoal.chaos.net.HubNetwork.NAME_PREFIX;
import static io.shoal.chaos.net.HubNetwork.OWNERS;
import static io.shoal.chaos.net.HubNetwork.SAFETY_MARKER;
import static io.shoal.chaos.net.HubNetwork.SAFETY_ROUTE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and removes what {@link HubNetwork} runs leave behind: namespaces (with every process in them and the
 * veths they hold), the root-side veth, owner files under {@code /run/shoal-netns}, and the safety route once no
 * live run needs it. Touches only names with the harness's prefix.
 */
final class NetnsJanitor {
  private NetnsJanitor() {}

  static List<String> namespaces() {
    Sh.Result r = Sh.run("ip", "netns", "list");
    List<String> out = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      if (!line.isBlank()) {
        out.add(line.trim().split("\\s+")[0]);
      }
    }
    return out;
  }

  /** Removes namespaces (and their processes) of earlier runs whose owning JVM is gone. */
  static void removeLeftovers() {
    Pattern p = Pattern.compile("^(" + NAME_PREFIX + "\\d+)-.*");
    Map<String, List<String>> byPrefix = new LinkedHashMap<>();
    for (String ns : namespaces()) {
      Matcher m = p.matcher(ns);
      if (m.matches()) {
        byPrefix.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(ns);
      }
    }
    try (var files = Files.exists(OWNERS) ? Files.list(OWNERS) : java.util.stream.Stream.<Path>empty()) {
      files.map(f -> f.getFileName().toString()).filter(f -> f.matches(NAME_PREFIX + "\\d+"))
          .forEach(f -> byPrefix.computeIfAbsent(f, k -> new ArrayList<>()));
    } catch (IOException e) {
      // nothing recorded
    }
    byPrefix.forEach((prefix, spaces) -> {
      Path owner = OWNERS.resolve(prefix);
      long pid = -1;
      try {
        pid = Long.parseLong(Files.readString(owner).trim());
      } catch (IOException | NumberFormatException e) {
        // no owner recorded: a leftover
      }
      boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      if (!alive) {
        System.out.println("[netns] removing leftovers of an earlier run " + prefix + ": " + spaces);
        teardown(prefix, spaces, false);
        try {
          Files.deleteIfExists(owner);
        } catch (IOException e) {
          // best effort
        }
      }
    });
  }

  /**
   * Removes the safety route when the harness added it (this run or a crashed earlier one) and no other live
   * run of the harness still needs it.
   */
  static synchronized void removeSafetyRouteIfLast() {
    if (!Files.exists(SAFETY_MARKER)) {
      return;
    }
    try (var files = Files.list(OWNERS)) {
      boolean othersLive = files.filter(f -> f.getFileName().toString().startsWith(NAME_PREFIX)).anyMatch(f -> {
        try {
          long pid = Long.parseLong(Files.readString(f).trim());
          return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
          return false;
        }
      });
      if (!othersLive) {
        Sh.quiet("ip", "route", "del", "blackhole", SAFETY_ROUTE);
        Files.deleteIfExists(SAFETY_MARKER);
      }
    } catch (IOException e) {
      // best effort
    }
  }

  /** Kills every process in the namespaces, deletes them (their veths go with them) and the root veth. */
  static void teardown(String prefix, Collection<String> spaces, boolean quietly) {
    for (String ns : spaces) {
      for (String pid : Sh.run("ip", "netns", "pids", ns).output().split("\\s+")) {
        if (pid.matches("\\d+")) {
          Sh.quiet("kill", "-CONT", pid);
          Sh.quiet("kill", "-KILL", pid);
        }
      }
    }
    for (String ns : spaces) {
      Sh.Result r = Sh.run("ip", "netns", "del", ns);
      if (!r.ok() && !quietly) {
        System.out.println("[netns] could not delete namespace " + ns + ": " + r.output());
      }
    }
    if (Sh.run("ip", "link", "show", prefix + "-r").ok()) {
      Sh.quiet("ip", "link", "del", prefix + "-r");
    }
  }
}
