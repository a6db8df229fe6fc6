package io.tributary.local;

import io.tributary.core.config.InvalidJobTableException;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary validate FILE}: every problem of the job table, or a line per job. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks a job table (config.txt). Prints every problem as file:line: column: message and"
        + " exits 1, or prints one line per job and exits 0.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The job table, e.g. config/config.txt.")
  Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println(file + ": no such file");
      return 1;
    }
    try {
      List<JobConfig> jobs = JobTableParser.parse(file);
      for (JobConfig job : jobs) {
        out.println(job.kind().definition().describe(job));
      }
      out.printf("%s: %d jobs, valid%n", file, jobs.size());
      return 0;
    } catch (InvalidJobTableException e) {
      err.println(e.getMessage());
      return 1;
    }
  }
}
