package io.shoal.chaos.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the few host commands the harness needs ({@code ip}, {@code tc}, {@code kill}) and reports their output. */
final class Sh {
  private Sh() {}

  /** Exit code and combined output of one command. */
  record Result(int code, String output) {
    boolean ok() {
      return code == 0;
    }
  }

  static Result run(String... cmd) {
    return run(List.of(cmd));
  }

  static Result run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + String.join(" ", cmd));
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /** Runs the command and throws with its output unless it exits 0. */
  static String must(String... cmd) {
    Result r = run(cmd);
    if (!r.ok()) {
      throw new IllegalStateException("`" + String.join(" ", cmd) + "` exited " + r.code() + ": " + r.output());
    }
    return r.output();
  }

  /** Runs {@code cmd} inside network namespace {@code ns}. */
  static String mustIn(String ns, String... cmd) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(cmd));
    return must(full.toArray(String[]::new));
  }

  /** Best effort: cleanup paths must go on after a step fails. */
  static void quiet(String... cmd) {
    run(cmd);
  }
}
