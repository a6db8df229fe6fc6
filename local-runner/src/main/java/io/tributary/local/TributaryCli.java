package io.tributary.local;

import io.tributary.core.config.InvalidJobTableException;
import io.tributary.core.run.Failures;
import io.tributary.core.secret.SecretUnavailableException;
import java.sql.SQLException;
import java.time.DateTimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code tributary} command line. */
@Command(
    name = "tributary",
    mixinStandardHelpOptions = true,
    version = "tributary 0.1.0",
    description = "Incremental ingestion pipelines for S3 data lakes.",
    subcommands = {ValidateCommand.class, ImportConfigCommand.class, PlanCommand.class, RunCommand.class, BackfillCommand.class,
        HistoryCommand.class, StartExecutionCommand.class, ConvertCommand.class, LiveCommand.class, WarehouseLoadCommand.class, CubicCommand.class, DemoCommand.class, DeployCommand.class,
        CommandLine.HelpCommand.class})
public final class TributaryCli {
  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Show the stack trace of an error (otherwise one line says what went wrong).")
  boolean debug;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line. Every error ends in one line saying what went wrong, and a non-zero exit: bad input
   * (an invalid job table, a wrong flag or time) exits 2, anything else 1. {@code --debug} shows the trace.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TributaryCli());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (parsed.originalArgs().contains("--debug")) {
        throw e;
      }
      boolean badInput = e instanceof InvalidJobTableException || e instanceof IllegalArgumentException
          || e instanceof DateTimeException;
      boolean explained = badInput || e instanceof SecretUnavailableException
          || e instanceof SQLException
          || e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("state directory");
      String what = explained && e.getMessage() != null ? e.getMessage()
          : Failures.describe(e) + " (--debug shows the trace)";
      cmd.getErr().println(cmd.getCommandName() + ": " + (e instanceof InvalidJobTableException ? what
          : what.replaceAll("\\s*\\R\\s*", " ")));
      return badInput ? 2 : 1;
    });
    commandLine.setParameterExceptionHandler((e, args) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " ")
          + " (" + cmd.getCommandSpec().qualifiedName() + " --help lists the options)");
      return 2;
    });
    return commandLine;
  }
}
