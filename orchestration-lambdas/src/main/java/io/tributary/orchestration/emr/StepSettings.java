package io.tributary.orchestration.emr;

import io.tributary.core.config.JobConfig;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.StepDocument;
import io.tributary.core.window.LoadWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a job window becomes an EMR step: {@code spark-submit} of the shaded job jar through
 * command-runner.jar, running the job kind's entry point with the window's {@link StepDocument} (the
 * deployment's settings of the job's kind included), and the run record written below {@code recordRoot}.
 */
public record StepSettings(String jarUri, DeploymentSettings deployment, String recordRoot) {

  /** Where the step of the window run {@code runId} writes its run record. */
  public String recordFile(String runId) {
    return recordRoot + "/" + runId + ".json";
  }

  /** The step document of window run {@code runId}; for a live-fill, with the changed objects. */
  public StepDocument step(JobConfig job, LoadWindow window, String runId, List<String> changedObjects) {
    return StepDocument.of(job, window, runId, deployment, changedObjects, Optional.of(recordFile(runId)));
  }

  /** The command-runner.jar arguments of the step of window run {@code runId}. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId) {
    return commandArgs(job, window, runId, List.of());
  }

  /** As above; for a live-fill, the changed source objects. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId, List<String> changedObjects) {
    List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster",
        "--class", job.kind().definition().entryPoint(), jarUri));
    args.addAll(step(job, window, runId, changedObjects).toArgs());
    return List.copyOf(args);
  }
}
