package io.tributary.spark;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.kind.jdbc.JdbcStepOptions;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.run.StepArguments;
import io.tributary.core.run.StepContext;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@link JdbcIngestMain}: a jdbc-ingest job's {@link StepArguments}, validated before Spark
 * starts: {@code --job "<config.txt row, cells in header order>" [--window-start T --window-stop T]
 * [--run-id ID] [--secret-source ssm|env|file:PATH|ssm:URL,USER,PASSWORD] [--codec snappy] [--record-file URI]}.
 */
public record JdbcIngestArguments(StepArguments step) {

  public JdbcIngestArguments {
    if (step.kind() != JobKind.JDBC_INGEST) {
      throw new IllegalArgumentException("--job: '" + step.job().name() + "' is a " + step.kind().label()
          + " job; JdbcIngestMain runs jdbc-ingest jobs");
    }
  }

  /** Parses {@code args}; throws IllegalArgumentException naming the flag at fault. */
  public static JdbcIngestArguments parse(String... args) {
    return new JdbcIngestArguments(StepArguments.parse(args));
  }

  public JobConfig job() {
    return step.job();
  }

  public LoadWindow window() {
    return step.window();
  }

  public String runId() {
    return step.runId();
  }

  public SecretSourceSpec secrets() {
    return step.options(JdbcStepOptions.class).secrets();
  }

  public ParquetCodec codec() {
    return step.options(JdbcStepOptions.class).codec();
  }

  public Optional<String> recordFile() {
    return step.recordFile();
  }

  /** The arguments that run {@code job} for {@code window}, as a state machine step would pass them. */
  public static List<String> of(JobConfig job, LoadWindow window, String runId, SecretSourceSpec secrets,
      ParquetCodec codec) {
    return StepArguments.of(job, window, runId, new StepContext(secrets, codec, List.of()), Optional.empty()).toArgs();
  }
}
