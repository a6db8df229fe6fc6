package io.tributary.orchestration.emr;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.JobRun;
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

  /** As above, handed the job's earlier windows as {@code history} (the job's runs) recorded them. */
  public StepDocument step(JobConfig job, LoadWindow window, String runId, List<String> changedObjects,
      List<JobRun> history) {
    return step(job, window, runId, changedObjects).withEarlierOf(history);
  }

  /** The most characters a step's arguments may hold together (EMR's {@code HadoopJarStepConfig.Args}). */
  public static final int MAX_ARGS_CHARS = 10_240;

  /** An EMR step's arguments, and the document to write first when it is passed by {@code --step-file}. */
  public record EmrStep(List<String> args, Optional<StagedDocument> staged) {}

  /** A step document written to {@code uri} because it is too long for the step's arguments. */
  public record StagedDocument(String uri, String json) {}

  /**
   * The step of window run {@code runId}: the document inline, or, when the arguments would exceed
   * {@link #MAX_ARGS_CHARS} (a live-fill of many objects), named by {@code --step-file} beside the run record.
   */
  public EmrStep emrStep(JobConfig job, LoadWindow window, String runId, List<String> changedObjects) {
    return emrStep(step(job, window, runId, changedObjects));
  }

  /** The EMR step that runs {@code step}. */
  public EmrStep emrStep(StepDocument step) {
    String runId = step.runId();
    List<String> prefix = List.of("spark-submit", "--deploy-mode", "cluster", "--class",
        step.job().kind().definition().entryPoint(), jarUri);
    List<String> inline = new ArrayList<>(prefix);
    inline.addAll(step.toArgs());
    if (inline.stream().mapToInt(String::length).sum() <= MAX_ARGS_CHARS) {
      return new EmrStep(List.copyOf(inline), Optional.empty());
    }
    String uri = recordRoot + "/" + runId + ".step.json";
    List<String> byFile = new ArrayList<>(prefix);
    byFile.addAll(List.of(StepDocument.FILE_FLAG, uri));
    return new EmrStep(List.copyOf(byFile), Optional.of(new StagedDocument(uri, step.toJson())));
  }

  /** The command-runner.jar arguments of the step of window run {@code runId}. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId) {
    return commandArgs(job, window, runId, List.of());
  }

  /** As above; for a live-fill, the changed source objects. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId, List<String> changedObjects) {
    return emrStep(job, window, runId, changedObjects).args();
  }
}
