package io.shoal.admin;

import io.shoal.admin.cluster.DownCommand;
import io.shoal.admin.cluster.KillNodeCommand;
import io.shoal.admin.cluster.StartNodeCommand;
import io.shoal.admin.cluster.StatusCommand;
import io.shoal.admin.cluster.UpCommand;
import io.shoal.admin.drill.DrillCommand;
import io.shoal.admin.local.ShoalInstall;
import java.io.IOException;
import java.util.NoSuchElementException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoal}: run and inspect a Shoal cluster on this machine. */
@Command(
    name = "shoal",
    mixinStandardHelpOptions = true,
    versionProvider = ShoalCli.Version.class,
    description = "Run and inspect a local Shoal cluster (DynamoDB-compatible database).",
    subcommands = {
        UpCommand.class,
        DownCommand.class,
        StatusCommand.class,
        KillNodeCommand.class,
        StartNodeCommand.class,
        DrillCommand.class,
        io.shoal.admin.bench.BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class ShoalCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it with their own writers. */
  public static CommandLine commandLine() {
    return new CommandLine(new ShoalCli())
        .setExecutionExceptionHandler(ShoalCli::handle);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Expected failures print one line, not a stack trace. */
  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof IOException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException || e instanceof NoSuchElementException) {
      cmd.getErr().println("shoal " + cmd.getCommandName() + ": " + e.getMessage());
      cmd.getErr().flush();
      return 1;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return 130;
    }
    throw new RuntimeException(e);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"shoal " + ShoalInstall.locate().version()};
    }
  }
}
