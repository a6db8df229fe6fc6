package io.tributary.local;

import io.tributary.core.config.AwslabsJobTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tributary import-config --from awslabs FILE}: another tool's job table as Tributary's. */
@Command(name = "import-config", mixinStandardHelpOptions = true,
    description = "Writes another tool's job table as a Tributary job table (standard output, or --to FILE) and"
        + " reports on standard error every cell it changed and why, and every row it refused, with its line."
        + " Exits 0 when every row became a job, 1 when any was refused (kept in the output as a comment).")
final class ImportConfigCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, description = "The original's format: awslabs"
      + " (amazon-s3-step-functions-ingestion-orchestration's cfn/config.txt).")
  String from;

  @Option(names = "--to", description = "Where to write the job table (default: standard output).")
  Path to;

  @Parameters(index = "0", paramLabel = "FILE", description = "The original's job table.")
  Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!from.equals("awslabs")) {
      throw new ParameterException(spec.commandLine(), "--from: '" + from + "' is not a format this imports (awslabs)");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println(file + ": no such file");
      return 1;
    }
    AwslabsJobTable.Import imported = AwslabsJobTable.convert(file.toString(),
        Files.readString(file, StandardCharsets.UTF_8));
    if (to == null) {
      spec.commandLine().getOut().print(imported.table());
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(to, imported.table(), StandardCharsets.UTF_8);
    }
    imported.changes().forEach(err::println);
    imported.refused().forEach(err::println);
    err.printf("%s: %d job(s) imported, %d cell(s) changed, %d row(s) refused%s%n", file, imported.jobs(),
        imported.changes().size(), imported.refused().size(), to == null ? "" : "; written to " + to);
    return imported.refused().isEmpty() ? 0 : 1;
  }
}
