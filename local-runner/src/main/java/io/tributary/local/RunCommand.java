package io.tributary.local;

import io.tributary.core.history.JobRun;
import io.tributary.local.sfn.LocalOrchestration;
import io.tributary.local.sfn.LocalStateMachine;
import io.tributary.orchestration.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary run}: one execution of the state machine on this machine. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs statemachine/ingestion.asl.json locally with the real ASL interpreter: the job table"
        + " and history in DynamoDB Local (--state), steps on local Spark against the source database.")
final class RunCommand implements Callable<Integer> {
  @Mixin LocalOptions options;

  @Option(names = "--jobs", split = ",", description = "Only these jobs (default: every enabled job).")
  List<String> jobs = List.of();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStores stores = options.openStores(spec.commandLine().getErr())) {
      SparkSession spark = LocalSpark.start("tributary-run");
      Progress progress = Progress.of(spec.commandLine().getErr(), "windows");
      try (LocalOrchestration orchestration = new LocalOrchestration(RepositoryRoot.find(), stores.configs(),
          stores.history(), spark, stores.clients(), options.secrets(), options.state.toAbsolutePath().resolve("runs"),
          options.clock(), options.maxWindowsPerRun, null, true, progress.windows())) {
        var input = Json.object().put("trigger", "manual");
        jobs.forEach(input.putArray("jobs")::add);
        LocalStateMachine.Execution execution;
        try {
          execution = orchestration.execute(input);
        } finally {
          progress.finish();
        }
        List<JobRun> runs = new ArrayList<>();
        stores.configs().all().forEach(job -> stores.history().runs(job.name()).stream()
            .filter(run -> run.runId().startsWith(execution.name()))
            .sorted(Comparator.comparing((JobRun run) -> run.window().start())).forEach(runs::add));
        out.print(RunTable.render(runs));
        out.printf("Step output: %s%n", orchestration.emr().stepLogs());
        out.printf("Execution %s: %s%s%n", execution.name(), execution.status(),
            execution.succeeded() ? "" : " (" + execution.error() + ": " + execution.cause() + ")");
        return execution.succeeded() ? 0 : 1;
      } finally {
        spark.stop();
      }
    }
  }
}
