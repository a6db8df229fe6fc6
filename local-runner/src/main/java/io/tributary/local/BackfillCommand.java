package io.tributary.local;

import io.tributary.core.run.DeploymentSettings;
import io.tributary.spark.SparkJobKinds;
import io.tributary.spark.StepEnvironment;
import io.tributary.core.config.JobConfig;
import io.tributary.core.run.CatchUpRun;
import io.tributary.core.run.WindowOutcome;
import io.tributary.core.window.BackfillWindows;
import io.tributary.core.window.LoadWindow;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary backfill}: loads past windows again without moving the job's live window. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Loads a job's windows between --from and --to again (each replaced whole, recorded in"
        + " history) without moving its live window. The range must end at or before the live window.")
final class BackfillCommand implements Callable<Integer> {
  @Mixin LocalOptions options;

  @Option(names = "--job", required = true, description = "The job.")
  String job;

  @Option(names = "--from", required = true, description = "Start of the first window: yyyy-MM-dd or a timestamp.")
  String from;

  @Option(names = "--to", required = true, description = "End of the last window: yyyy-MM-dd or a timestamp.")
  String to;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStores stores = options.openStores(spec.commandLine().getErr())) {
      JobConfig config = options.requireJob(stores, job);
      List<LoadWindow> windows = BackfillWindows.of(config.window(), LocalOptions.dateOrTime(from),
          LocalOptions.dateOrTime(to));
      SparkSession spark = LocalSpark.start("tributary-backfill");
      try {
        CatchUpRun run = new CatchUpRun(stores.configs(), stores.history(),
            SparkJobKinds.local(spark, new StepEnvironment(spark.sparkContext().hadoopConfiguration(),
                Clock.systemUTC(), stores.clients(), System.getenv()), DeploymentSettings.defaults(options.secrets())), options.clock(),
            new CatchUpRun.Settings(options.maxWindowsPerRun, Duration.ofHours(6)));
        Progress progress = Progress.of(spec.commandLine().getErr(), "windows");
        progress.start(windows.size());
        List<WindowOutcome> outcomes;
        try {
          outcomes = run.backfill(config, windows,
              outcome -> progress.advance(1, outcome.record().map(r -> r.rowsWritten()).orElse(0L)));
        } finally {
          progress.finish();
        }
        for (WindowOutcome outcome : outcomes) {
          out.printf("%s %s %s %s%n", outcome.jobName(), outcome.window(), outcome.result(),
              outcome.record().map(r -> r.rowsWritten() + " rows -> " + r.outputPath()).orElse(outcome.error().orElse("")));
        }
        out.printf("%s: live window still %s%n", job, stores.configs().get(job).orElseThrow().window());
        return outcomes.stream().allMatch(o -> o.result() == WindowOutcome.Result.SUCCEEDED) ? 0 : 1;
      } finally {
        spark.stop();
      }
    }
  }
}
