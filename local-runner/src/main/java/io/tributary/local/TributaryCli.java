package io.tributary.local;

import io.tributary.core.config.InvalidJobTableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command line. */
@Command(
    name = "tributary",
    mixinStandardHelpOptions = true,
    version = "tributary 0.1.0",
    description = "Incremental ingestion pipelines for S3 data lakes.",
    subcommands = {ValidateCommand.class, PlanCommand.class, RunCommand.class, BackfillCommand.class,
        HistoryCommand.class, StartExecutionCommand.class, ConvertCommand.class, LiveCommand.class, WarehouseLoadCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class TributaryCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, with bad input (an invalid job table, a wrong flag value) reported as its message
   * alone and exit code 2, not as a stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TributaryCli());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof InvalidJobTableException || e instanceof IllegalArgumentException) {
        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
        return 2;
      }
      if (e instanceof io.tributary.core.secret.SecretUnavailableException || e instanceof java.sql.SQLException
          || e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("state directory")) {
        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
        return 1;
      }
      throw e;
    });
    return commandLine;
  }
}
