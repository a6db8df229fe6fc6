package io.tributary.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command line. */
@Command(
    name = "tributary",
    mixinStandardHelpOptions = true,
    version = "tributary 0.1.0",
    description = "Incremental ingestion pipelines for S3 data lakes.",
    subcommands = {ValidateCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class TributaryCli {

  public static void main(String[] args) {
    int exit = new CommandLine(new TributaryCli()).execute(args);
    System.exit(exit);
  }
}
