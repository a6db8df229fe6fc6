package io.tributary.orchestration.emr;

import io.tributary.core.config.JobConfig;
import io.tributary.core.run.StepArguments;
import io.tributary.core.window.LoadWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * How a job window becomes an EMR step: {@code spark-submit} of the shaded job jar through
 * command-runner.jar, with the run record written below {@code recordRoot}.
 */
public record StepSettings(String jarUri, String secretSource, String codec, String recordRoot) {
  /** The entry point of JDBC ingestion in the job jar. */
  public static final String MAIN_CLASS = "io.tributary.spark.JdbcIngestMain";

  /** Where the step writes the run record of {@code window}. */
  public String recordFile(String runId, String jobName, LoadWindow window) {
    return recordRoot + "/" + runId + "/" + jobName + "/" + window.start().getEpochSecond() + ".json";
  }

  /** The command-runner.jar arguments of the step. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId) {
    List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster",
        "--class", MAIN_CLASS, jarUri));
    args.addAll(StepArguments.of(job, window, runId, secretSource, codec, recordFile(runId, job.name(), window)));
    return List.copyOf(args);
  }
}
