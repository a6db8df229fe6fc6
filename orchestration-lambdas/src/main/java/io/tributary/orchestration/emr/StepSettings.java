package io.tributary.orchestration.emr;

import io.tributary.core.config.JobConfig;
import io.tributary.core.kind.cubic.RegistryTableNames;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.run.StepArguments;
import io.tributary.core.run.StepContext;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a job window becomes an EMR step: {@code spark-submit} of the shaded job jar through
 * command-runner.jar, running the job kind's entry point with the window's {@link StepArguments}, and the
 * run record written below {@code recordRoot}.
 */
public record StepSettings(String jarUri, SecretSourceSpec secrets, ParquetCodec codec, String recordRoot,
    RegistryTableNames cubicRegistry) {

  /** Settings as the stack's environment gives them; throws naming a bad secret source or codec. */
  public StepSettings(String jarUri, String secretSource, String codec, String recordRoot) {
    this(jarUri, SecretSourceSpec.parse(secretSource), ParquetCodec.parse(codec), recordRoot,
        RegistryTableNames.defaults());
  }

  /** These settings with the deployment's Cubic registry tables. */
  public StepSettings withCubicRegistry(RegistryTableNames names) {
    return new StepSettings(jarUri, secrets, codec, recordRoot, names);
  }

  /** Where the step of the window run {@code runId} writes its run record. */
  public String recordFile(String runId) {
    return recordRoot + "/" + runId + ".json";
  }

  /** The step arguments of window run {@code runId}; for a convert job's live-fill, with the changed objects. */
  public StepArguments step(JobConfig job, LoadWindow window, String runId, List<String> changedObjects) {
    return StepArguments.of(job, window, runId, new StepContext(secrets, codec, changedObjects, cubicRegistry),
        Optional.of(recordFile(runId)));
  }

  /** The command-runner.jar arguments of the step of window run {@code runId}. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId) {
    return commandArgs(job, window, runId, List.of());
  }

  /** As above; for a convert job's live-fill, the changed source objects. */
  public List<String> commandArgs(JobConfig job, LoadWindow window, String runId, List<String> changedObjects) {
    List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster",
        "--class", job.kind().definition().entryPoint(), jarUri));
    args.addAll(step(job, window, runId, changedObjects).toArgs());
    return List.copyOf(args);
  }
}
