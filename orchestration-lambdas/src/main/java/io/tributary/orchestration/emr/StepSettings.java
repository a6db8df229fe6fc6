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

  /** Where the step of the window run {@code runId} writes its run record. */
  public String recordFile(String runId) {
    return recordRoot + "/" + runId + ".json";
  }

  /** The command-runner.jar arguments of the step of window run {@code runId}. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId) {
    return commandArgs(job, window, runId, List.of());
  }

  /** As above; for a convert job's live-fill, the changed source objects. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId, List<String> changedObjects) {
    List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster",
        "--class", StepArguments.mainClass(job.kind()), jarUri));
    args.addAll(StepArguments.of(job, window, runId, secretSource, codec, recordFile(runId), changedObjects));
    return List.copyOf(args);
  }
}
