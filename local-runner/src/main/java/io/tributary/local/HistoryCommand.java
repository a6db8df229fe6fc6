package io.tributary.local;

import io.tributary.convert.UnfinishedPublishes;
import io.tributary.core.config.ConversionSource;
import io.tributary.core.history.JobRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary history --job NAME}: the job's runs, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Prints a job's runs from the local history (--state), newest first, and its current window.")
final class HistoryCommand implements Callable<Integer> {
  @Mixin LocalOptions options;

  @Option(names = "--job", required = true, description = "The job.")
  String job;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStores stores = options.openStores(spec.commandLine().getErr())) {
      var config = options.requireJob(stores, job);
      List<JobRun> runs = stores.history().runs(job);
      out.print(RunTable.render(runs));
      out.printf("%s: window %s, status %s, %d runs%n", job, config.window(), config.state().status(), runs.size());
      if (config.source() instanceof ConversionSource) {
        try {
          for (String line : UnfinishedPublishes.below(
              config.outputDir().toString().replaceAll("/$", ""), new Configuration())) {
            out.println("INCOMPLETE " + line);
          }
        } catch (IOException e) {
          out.println("cannot check " + config.outputDir() + " for unfinished publishes: " + e.getMessage());
        }
      }
      return 0;
    }
  }
}
